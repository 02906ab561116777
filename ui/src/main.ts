import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';

document.querySelector('.font-probe')?.remove();
export default mount(App, { target: document.getElementById('app')! });
