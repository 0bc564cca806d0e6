import { emptyElementRule } from './empty-element.js';

export const emptyArrayResource = emptyElementRule('EMPTY_ARRAY_RESOURCE', 'Resource', 'array', 'the statement matches no resource and does nothing.');
