// Short-lived notices at the bottom of the window, optionally with one action (such as Undo).

export type Toast = {
  id: number;
  message: string;
  kind: 'info' | 'error';
  action?: { label: string; run: () => void };
};

class Toasts {
  items = $state<Toast[]>([]);
  private next = 1;

  show(message: string, opts: { kind?: Toast['kind']; action?: Toast['action']; ms?: number } = {}) {
    const toast: Toast = { id: this.next++, message, kind: opts.kind ?? 'info', action: opts.action };
    this.items = [...this.items.slice(-2), toast];
    setTimeout(() => this.dismiss(toast.id), opts.ms ?? 8000);
    return toast.id;
  }

  dismiss(id: number) {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();
