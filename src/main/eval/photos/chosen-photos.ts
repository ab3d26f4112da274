/**
 * The photographs the eval uses, picked by eye from three Debian packages that Lucid uses
 * nowhere else: plasma-workspace-wallpapers' photographs (its abstract and drawn wallpapers
 * left out), mate-backgrounds' "nature" photographs, and scikit-image's classic colour test
 * photos. (ukui-wallpapers, suggested in the issue, was looked at: all twelve of its images are
 * illustrations, none a photograph.) Licences are from each package's copyright file and, for
 * scikit-image, from each image's docstring in skimage/data/_fetchers.py.
 */
export const SOURCES = [
  {
    package: 'plasma-workspace-wallpapers',
    version: '4:5.27.5-2',
    licence: 'GPL-2+ (KDE Visual Design Group)',
    copyrightFile: 'usr/share/doc/plasma-workspace-wallpapers/copyright'
  },
  {
    package: 'mate-backgrounds',
    version: '1.26.0-1',
    licence: 'GPL-2+ (per-file photographers in the copyright file)',
    copyrightFile: 'usr/share/doc/mate-backgrounds/copyright'
  },
  {
    package: 'python3-skimage',
    version: '0.19.3-8',
    licence: 'public domain or CC0 per image (skimage/data/_fetchers.py)',
    copyrightFile: 'usr/share/doc/python3-skimage/copyright'
  }
]

export interface ChosenPhoto {
  readonly id: string
  readonly package: string
  readonly file: string
  readonly licence: string
  /** How many crops to draw; the first `large` of them 512², the rest 256². */
  readonly crops: number
  readonly large?: number
  /** Also evaluate the whole file (a small one), for the tiled path. */
  readonly whole?: boolean
}

const plasma = (
  name: string,
  file = '1920x1080.jpg',
  extra: Partial<ChosenPhoto> = {}
): ChosenPhoto => ({
  id: `plasma-${name.toLowerCase()}`,
  package: 'plasma-workspace-wallpapers',
  file: `usr/share/wallpapers/${name}/contents/images/${file}`,
  licence: 'GPL-2+',
  crops: 3,
  ...extra
})

const mate = (name: string, extra: Partial<ChosenPhoto> = {}): ChosenPhoto => ({
  id: `mate-${name.toLowerCase()}`,
  package: 'mate-backgrounds',
  file: `usr/share/backgrounds/mate/nature/${name}.jpg`,
  licence: 'GPL-2+',
  crops: 3,
  ...extra
})

const skimage = (
  name: string,
  file: string,
  licence: string,
  extra: Partial<ChosenPhoto> = {}
): ChosenPhoto => ({
  id: `skimage-${name}`,
  package: 'python3-skimage',
  file: `usr/lib/python3/dist-packages/skimage/data/${file}`,
  licence,
  crops: 2,
  ...extra
})

export const PHOTOS: readonly ChosenPhoto[] = [
  plasma('BytheWater'),
  plasma('ColdRipple'),
  plasma('ColorfulCups', '2560x1600.jpg', { large: 1 }),
  plasma('DarkestHour'),
  plasma('EveningGlow', '1920x1080.jpg', { large: 1 }),
  plasma('FallenLeaf'),
  plasma('Grey'),
  plasma('Kite'),
  plasma('OneStandsOut', '1920x1080.jpg', { large: 1 }),
  plasma('Path', '1920x1080.jpg', { large: 1 }),
  plasma('summer_1am'),
  mate('Aqua'),
  mate('Blinds'),
  mate('Dune'),
  mate('FreshFlower', { large: 1 }),
  mate('Garden'),
  mate('GreenMeadow'),
  mate('LadyBird', { large: 1 }),
  mate('RainDrops'),
  mate('Storm', { large: 1 }),
  mate('TwoWings'),
  mate('Wood', { large: 1 }),
  mate('YellowFlower', { large: 1 }),
  skimage('astronaut', 'astronaut.png', 'public domain (NASA)'),
  skimage('chelsea', 'chelsea.png', 'CC0 (Stefan van der Walt)', { whole: true }),
  skimage('coffee', 'coffee.png', 'CC0 (Rachel Michetti)', { whole: true }),
  skimage('rocket', 'rocket.jpg', 'public domain (SpaceX)', { whole: true })
]
