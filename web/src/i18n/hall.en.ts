// Keys mirror hall.zh-CN.ts; top-level keys must not repeat those of the other message files.
export default {}
