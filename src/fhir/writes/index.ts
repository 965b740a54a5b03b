export { createOnce, type CreateOnceOptions, type CreateOnceResult } from './createOnce';
