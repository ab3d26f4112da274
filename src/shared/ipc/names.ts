/**
 * The names of every channel and event, without their schemas, so the sandboxed preload can
 * build `window.lucid` without bundling the validation library. contract.ts must define exactly
 * these (its `satisfies` clause fails the build otherwise).
 */
export const channelNames = [
  'image:open',
  'image:openPath',
  'image:importBytes',
  'image:close',
  'image:export',
  'edit:apply',
  'edit:cancel',
  'edit:undo',
  'edit:redo',
  'edit:jumpTo',
  'engine:estimate',
  'gallery:open',
  'gallery:openPath',
  'gallery:openFiles',
  'gallery:state',
  'gallery:setVisible',
  'gallery:openItem',
  'gallery:close',
  'batch:chooseFolder',
  'batch:start',
  'batch:pause',
  'batch:resume',
  'batch:cancel',
  'presets:list',
  'presets:save',
  'presets:delete',
  'enhance:paths',
  'enhance:bytes',
  'settings:get',
  'settings:set'
] as const

export const eventNames = [
  'job:progress',
  'menu:command',
  'gallery:thumbnail',
  'batch:event',
  'batch:finished'
] as const

export type ChannelName = (typeof channelNames)[number]
export type EventNameOf = (typeof eventNames)[number]
