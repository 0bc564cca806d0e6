import { emptyElementRule } from './empty-element.js';

export const emptyObjectPrincipal = emptyElementRule('EMPTY_OBJECT_PRINCIPAL', 'Principal', 'object', 'the statement applies to nobody.');
