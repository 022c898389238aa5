// @vitest-environment node
// The group layer against RFC 9496 appendix A (the same vectors the C++ side checks with
// libsodium), and the encodings, transcripts and challenges of docs/ELECTION-PROTOCOL.md
// sections 1 and 2.
import { describe, expect, it } from 'vitest'
import {
  CryptoError,
  GENERATOR_HEX,
  ORDER,
  Point,
  Transcript,
  baseMul,
  decodeElement,
  decodeScalar,
  encodeElement,
  encodeScalar,
  fromHex,
  fromUniformBytes,
  isIdentity,
  lp,
  mul,
  randomScalar,
  reduce64,
  sha512,
  toHex,
  u32,
  utf8,
} from './group'

// RFC 9496 appendix A.1: encodings of 0·G … 15·G.
const MULTIPLES = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  'e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76',
  '6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919',
  '94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259',
  'da80862773358b466ffadfe0b3293ab3d9fd53c5ea6c955358f568322daf6a57',
  'e882b131016b52c1d3337080187cf768423efccbb517bb495ab812c4160ff44e',
  'f64746d3c92b13050ed8d80236a7f0007c3b3f962f5ba793d19a601ebb1df403',
  '44f53520926ec81fbd5a387845beb7df85a96a24ece18738bdcfa6a7822a176d',
  '903293d8f2287ebe10e2374dc1a53e0bc887e592699f02d077d5263cdd55601c',
  '02622ace8f7303a31cafc63f8fc48fdc16e1c8c8d234b2f0d6685282a9076031',
  '20706fd788b2720a1ed2a5dad4952b01f413bcf0e7564de8cdc816689e2db95f',
  'bce83f8ba5dd2fa572864c24ba1810f9522bc6004afe95877ac73241cafdab42',
  'e4549ee16b9aa03099ca208c67adafcafa4c3f3e4e5303de6026e3ca8ff84460',
  'aa52e000df2e16f55fb1032fc33bc42742dad6bd5a8fc0be0167436c5948501f',
  '46376b80f409b29dc2b5f6f0c52591990896e5716f41477cd30085ab7f10301e',
  'e0c418f7c8d9c4cdd7395b93ea124f3ad99021bb681dfc3302a9d99a2e53e64e',
]

// RFC 9496 appendix A.2: encodings that MUST be rejected, by category.
const INVALID: Record<string, string[]> = {
  'non-canonical field encodings': [
    '00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
    'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    'f3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  ],
  'negative field elements': [
    '0100000000000000000000000000000000000000000000000000000000000000',
    '01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    'ed57ffd8c914fb201471d1c3d245ce3c746fcbe63a3679d51b6a516ebebe0e20',
    'c34c4e1826e5d403b78e246e88aa051c36ccf0aafebffe137d148a2bf9104562',
    'c940e5a4404157cfb1628b108db051a8d439e1a421394ec4ebccb9ec92a8ac78',
    '47cfc5497c53dc8e61c91d17fd626ffb1c49e2bca94eed052281b510b1117a24',
    'f1c6165d33367351b0da8f6e4511010c68174a03b6581212c71c0e1d026c3c72',
    '87260f7a2f12495118360f02c26a470f450dadf34a413d21042b43b9d93e1309',
  ],
  'non-square x^2': [
    '26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371',
    '4eac077a713c57b4f4397629a4145982c661f48044dd3f96427d40b147d9742f',
    'de6a7b00deadc788eb6b6c8d20c0ae96c2f2019078fa604fee5b87d6e989ad7b',
    'bcab477be20861e01e4a0e295284146a510150d9817763caf1a6f4b422d67042',
    '2a292df7e32cababbd9de088d1d1abec9fc0440f637ed2fba145094dc14bea08',
    'f4a9e534fc0d216c44b218fa0c42d99635a0127ee2e53c712f70609649fdff22',
    '8268436f8c4126196cf64b3c7ddbda90746a378625f9813dd9b8457077256731',
    '2810e5cbc2cc4d4eece54f61c6f69758e289aa7ab440b3cbeaa21995c2f4232b',
  ],
  'negative xy value': [
    '3eb858e78f5a7254d8c9731174a94f76755fd3941c0ac93735c07ba14579630e',
    'a45fdc55c76448c049a1ab33f17023edfb2be3581e9c7aade8a6125215e04220',
    'd483fe813c6ba647ebbfd3ec41adca1c6130c2beeee9d9bf065c8d151c5f396e',
    '8a2e1d30050198c65a54483123960ccc38aef6848e1ec8f5f780e8523769ba32',
    '32888462f8b486c68ad7dd9610be5192bbeaf3b443951ac1a8118419d9fa097b',
    '227142501b9d4355ccba290404bde41575b037693cef1f438c47f8fbf35d1165',
    '5c37cc491da847cfeb9281d407efc41e15144c876e0170b499a96a22ed31e01e',
    '445425117cb8c90edcbc7c1cc0e74f747f2c1efa5630a967c64f287792a48a4b',
  ],
  's = -1, which causes y = 0': ['ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'],
}

// RFC 9496 appendix A.3: element derivation from SHA-512 of each label.
const DERIVED: [string, string, string][] = [
  [
    'Ristretto is traditionally a short shot of espresso coffee',
    '5d1be09e3d0c82fc538112490e35701979d99e06ca3e2b5b54bffe8b4dc772c14d98b696a1bbfb5ca32c436cc61c16563790306c79eaca7705668b47dffe5bb6',
    '3066f82a1a747d45120d1740f14358531a8f04bbffe6a819f86dfe50f44a0a46',
  ],
  [
    'made with the normal amount of ground coffee but extracted with',
    'f116b34b8f17ceb56e8732a60d913dd10cce47a6d53bee9204be8b44f6678b270102a56902e2488c46120e9276cfe54638286b9e4b3cdb470b542d46c2068d38',
    'f26e5b6f7d362d2d2a94c5d0e7602cb4773c95a2e5c31a64f133189fa76ed61b',
  ],
  [
    'about half the amount of water in the same amount of time',
    '8422e1bbdaab52938b81fd602effb6f89110e1e57208ad12d9ad767e2e25510c27140775f9337088b982d83d7fcf0b2fa1edffe51952cbe7365e95c86eaf325c',
    '006ccd2a9e6867e6a2c5cea83d3302cc9de128dd2a9a57dd8ee7b9d7ffe02826',
  ],
  [
    'by using a finer grind.',
    'ac22415129b61427bf464e17baee8db65940c233b98afce8d17c57beeb7876c2150d15af1cb1fb824bbd14955f2b57d08d388aab431a391cfc33d5bafb5dbbaf',
    'f8f0c87cf237953c5890aec3998169005dae3eca1fbb04548c635953c817f92a',
  ],
  [
    'This produces a concentrated shot of coffee per volume.',
    '165d697a1ef3d5cf3c38565beefcf88c0f282b8e7dbd28544c483432f1cec7675debea8ebb4e5fe7d6f6e5db15f15587ac4d4d4a1de7191e0c1ca6664abcc413',
    'ae81e7dedf20a497e10c304a765c1767a42d6e06029758d2d7e8ef7cc4c41179',
  ],
  [
    'Just pulling a normal shot short will produce a weaker shot',
    'a836e6c9a9ca9f1e8d486273ad56a78c70cf18f0ce10abb1c7172ddd605d7fd2979854f47ae1ccf204a33102095b4200e5befc0465accc263175485f0e17ea5c',
    'e2705652ff9f5e44d3e841bf1c251cf7dddb77d140870d1ab2ed64f1a9ce8628',
  ],
  [
    'and is not a Ristretto as some believe.',
    '2cdc11eaeb95daf01189417cdddbf95952993aa9cb9c640eb5058d09702c74622c9965a697a3b345ec24ee56335b556e677b30e6f90ac77d781064f866a3c982',
    '80bd07262511cdde4863f8a7434cef696750681cb9510eea557088f76d9e5065',
  ],
]

// RFC 9496 appendix A.3: four inputs exercising the edge cases of the map, one output.
const CONVERGING = [
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff1200000000000000000000000000000000000000000000000000000000000000',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
  '0000000000000000000000000000000000000000000000000000000000000080ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '00000000000000000000000000000000000000000000000000000000000000001200000000000000000000000000000000000000000000000000000000000080',
]
const CONVERGED = '304282791023b73128d277bdcb5c7746ef2eac08dde9f2983379cb8e5ef0517f'

function malformed(f: () => unknown): CryptoError {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(CryptoError)
    expect((e as CryptoError).code).toBe('malformed')
    return e as CryptoError
  }
  throw new Error('accepted')
}

describe('RFC 9496 appendix A', () => {
  it('A.1: i·G encodes to the listed bytes, for i = 0 … 15, by scalar multiplication and by addition', () => {
    expect(MULTIPLES[1]).toBe(GENERATOR_HEX)
    let sum = Point.ZERO
    MULTIPLES.forEach((hex, i) => {
      expect(encodeElement(baseMul(BigInt(i)))).toBe(hex)
      expect(encodeElement(mul(Point.BASE, BigInt(i)))).toBe(hex)
      expect(encodeElement(sum)).toBe(hex)
      // decoding then encoding gives the same bytes (the identity only where allowed)
      expect(encodeElement(decodeElement(hex, 'x', true))).toBe(hex)
      sum = sum.add(Point.BASE)
    })
  })

  for (const [category, encodings] of Object.entries(INVALID))
    it(`A.2: rejects ${category}`, () => {
      for (const hex of encodings) {
        const e = malformed(() => decodeElement(hex, 'alpha', true))
        expect(e.field).toBe('alpha')
        expect(e.reason).toMatch(/canonical/)
      }
    })

  it('A.3: hash-to-group (element derivation from SHA-512 of each label)', () => {
    for (const [label, input, output] of DERIVED) {
      const hash = sha512(utf8(label))
      expect(toHex(hash)).toBe(input)
      expect(encodeElement(fromUniformBytes(hash))).toBe(output)
    }
    for (const input of CONVERGING) expect(encodeElement(fromUniformBytes(fromHex(input, 'x', 64)))).toBe(CONVERGED)
  })
})

describe('elements (section 1)', () => {
  const zero = '00'.repeat(32)

  it('refuses the identity unless it is allowed there', () => {
    expect(malformed(() => decodeElement(zero, 'beta')).reason).toMatch(/identity/)
    expect(isIdentity(decodeElement(zero, 'D', true))).toBe(true)
  })

  it('refuses upper case, wrong lengths and non-strings', () => {
    malformed(() => decodeElement(GENERATOR_HEX.toUpperCase(), 'x'))
    malformed(() => decodeElement(GENERATOR_HEX.slice(2), 'x'))
    malformed(() => decodeElement(GENERATOR_HEX + '00', 'x'))
    malformed(() => decodeElement(' ' + GENERATOR_HEX.slice(1), 'x'))
    malformed(() => decodeElement(42, 'x'))
  })

  it('multiplication by 0 and of the identity gives the identity (libsodium refuses; we let callers decide)', () => {
    expect(encodeElement(baseMul(0n))).toBe(zero)
    expect(encodeElement(mul(Point.BASE, 0n))).toBe(zero)
    expect(encodeElement(mul(Point.ZERO, 5n))).toBe(zero)
    expect(encodeElement(baseMul(ORDER - 1n).add(Point.BASE))).toBe(zero)
  })
})

describe('scalars (section 1)', () => {
  it('32 bytes little-endian, lowercase hex, below ℓ', () => {
    expect(encodeScalar(1n)).toBe('01' + '00'.repeat(31))
    expect(encodeScalar(0x0102n)).toBe('0201' + '00'.repeat(30))
    const lMinus1 = encodeScalar(ORDER - 1n)
    expect(lMinus1).toBe('ecd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010')
    expect(decodeScalar(lMinus1, 'z')).toBe(ORDER - 1n)
  })

  it('refuses ℓ and above, upper case and wrong lengths', () => {
    expect(malformed(() => decodeScalar('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010', 'c')).reason).toMatch(/order/)
    malformed(() => decodeScalar('ff'.repeat(32), 'c'))
    malformed(() => decodeScalar('0A' + '00'.repeat(31), 'c'))
    malformed(() => decodeScalar('00'.repeat(31), 'c'))
  })

  it('random scalars are nonzero and below ℓ, and differ', () => {
    const seen = new Set<bigint>()
    for (let i = 0; i < 50; i++) {
      const s = randomScalar()
      expect(s > 0n && s < ORDER).toBe(true)
      seen.add(s)
    }
    expect(seen.size).toBe(50)
  })
})

describe('transcripts and challenges (section 2)', () => {
  it('LP is a 4-byte big-endian length then the bytes; U32(n) is LP of the 4-byte big-endian n', () => {
    expect(toHex(lp(utf8('abc')))).toBe('00000003616263')
    expect(toHex(lp(new Uint8Array(0)))).toBe('00000000')
    expect(toHex(u32(5))).toBe('0000000400000005')
    expect(toHex(u32(0x01020304))).toBe('0000000401020304')
  })

  it('starts with LP("plenum-election/1") ‖ LP("ristretto255") ‖ LP(kind)', () => {
    const t = new Transcript('choice').u32(3).element(Point.BASE).scalar(1n)
    const expected =
      '00000011' + toHex(utf8('plenum-election/1')) +
      '0000000c' + toHex(utf8('ristretto255')) +
      '00000006' + toHex(utf8('choice')) +
      '0000000400000003' +
      '00000020' + GENERATOR_HEX +
      '00000020' + '01' + '00'.repeat(31)
    expect(toHex(t.data())).toBe(expected)
  })

  it('the challenge is SHA-512 read little-endian, reduced mod ℓ', () => {
    const t = new Transcript('decryption').text('x')
    const h = sha512(t.data())
    let n = 0n
    for (let i = 63; i >= 0; i--) n = n * 256n + BigInt(h[i])
    expect(t.challenge()).toBe(n % ORDER)
    // all-ones: (2^512 − 1) mod ℓ
    expect(reduce64(new Uint8Array(64).fill(0xff))).toBe((2n ** 512n - 1n) % ORDER)
  })

  it('clones share the prefix and diverge after it', () => {
    const prefix = new Transcript('constraint').u32(1)
    const a = prefix.clone().u32(2)
    const b = prefix.clone().u32(3)
    expect(toHex(prefix.data())).not.toBe(toHex(a.data()))
    expect(a.challenge()).not.toBe(b.challenge())
    expect(toHex(a.data()).startsWith(toHex(prefix.data()))).toBe(true)
  })
})
