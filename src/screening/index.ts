// The screening feature's light surface for the patient view. The panel itself is the
// default export of ./ScreeningPanel (loaded through ./screeningPanelPart); it is not re-exported here,
// so importing these hooks does not pull the panel into the patient view's chunk.
export { useWriteCapabilities, useScreeningOutlook, screeningOutlook, type ScreeningOutlook, type ScreeningWriteSupport } from './hooks/useWriteCapabilities';
export type { ScreeningPanelProps } from './ScreeningPanel';
export type { WrittenRecord } from './save/saveScreening';
