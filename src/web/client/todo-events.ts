// An action taken anywhere in the console changes what waits for the user: the pages that show 我的待办 listen.
export const TODO_CHANGED = 'yanpan:todo-changed';
export const todoChanged = (): void => { window.dispatchEvent(new Event(TODO_CHANGED)); };
