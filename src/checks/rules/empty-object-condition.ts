import { emptyElementRule } from './empty-element.js';

export const emptyObjectCondition = emptyElementRule('EMPTY_OBJECT_CONDITION', 'Condition', 'object', 'it restricts nothing and can be removed.');
