// After an account was deleted (/goodbye).
import { h } from '../dom.js';

export default async function goodbyePage() {
  const node = h('div', { className: 'page narrow' },
    h('h1', {}, 'Your account is deleted'),
    h('p', {}, 'Your personal details are erased and every device is signed out. Certificates issued to you stay verifiable, without your name.'),
    h('p', {}, h('a', { href: '/' }, 'Go to the courses')));
  return { title: 'Account deleted', node };
}
