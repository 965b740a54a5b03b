import { deferredPart } from '../shared/deferredPart';

/** The screening dialog, its own chunk (most chart openings never screen); opened from `Screen now` and from the contact log. */
export const screeningPanel = deferredPart('screening form', () => import('./ScreeningPanel'));
