// How deal and activity values read on screen.
import type { ActivityKind } from '../../lib/ipc';

export const kindLabels: Record<ActivityKind, string> = {
  call: 'Call',
  meeting: 'Meeting',
  email: 'Email',
  task: 'Task',
  note: 'Note',
};

export const kindIcons: Record<ActivityKind, string> = {
  call: '☎',
  meeting: '◎',
  email: '✉',
  task: '☑',
  note: '✎',
};

export const activityKinds = Object.keys(kindLabels) as ActivityKind[];
