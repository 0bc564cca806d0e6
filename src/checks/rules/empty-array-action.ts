import { emptyElementRule } from './empty-element.js';

export const emptyArrayAction = emptyElementRule('EMPTY_ARRAY_ACTION', 'Action', 'array', 'the statement matches no action and does nothing.');
