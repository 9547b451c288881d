//! The standard security handler, for PDFs that open without a password.
//!
//! Many published PDFs are "protected" only by an owner password (no copying
//! or printing) with an empty user password: any viewer opens them, and so can
//! we. Supported: RC4 40–128 bit (R2–R4), AES-128 (AESV2) and AES-256 (R5, R6).
//! A file that needs a real password is refused with a clear message.

use super::parse::{Dict, Obj};

const PAD: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];

#[derive(Clone, Copy, PartialEq, Debug)]
enum Method {
    Identity,
    Rc4,
    Aes,
}

#[derive(Debug)]
pub(super) enum CryptError {
    /// A password is needed to open the file.
    NeedsPassword,
    /// A handler or method we do not know.
    Unsupported,
}

pub(super) struct Crypt {
    key: Vec<u8>,
    strings: Method,
    streams: Method,
    /// AES-256: the file key is used as is for every object.
    v5: bool,
}

fn bytes(o: Option<&Obj>) -> Vec<u8> {
    match o {
        Some(Obj::Str(s)) => s.clone(),
        _ => Vec::new(),
    }
}

impl Crypt {
    /// Set up decryption with the empty user password.
    pub(super) fn new(enc: &Dict, id0: &[u8]) -> Result<Crypt, CryptError> {
        if enc.get(b"Filter").and_then(Obj::as_name) != Some(b"Standard") {
            return Err(CryptError::Unsupported);
        }
        let v = enc.get(b"V").and_then(Obj::as_i64).unwrap_or(0);
        let r = enc.get(b"R").and_then(Obj::as_i64).unwrap_or(0);
        let o = bytes(enc.get(b"O"));
        let u = bytes(enc.get(b"U"));
        let p = enc.get(b"P").and_then(Obj::as_i64).unwrap_or(0) as i32;
        let meta = !matches!(enc.get(b"EncryptMetadata"), Some(Obj::Bool(false)));
        // Crypt filters (V4, V5): which method strings and streams use.
        let method_of = |name: &[u8]| -> Method {
            if name == b"Identity" {
                return Method::Identity;
            }
            let cfm = enc
                .get(b"CF")
                .and_then(Obj::as_dict)
                .and_then(|cf| cf.get(name))
                .and_then(Obj::as_dict)
                .and_then(|d| d.get(b"CFM"))
                .and_then(Obj::as_name);
            match cfm {
                Some(b"AESV2") | Some(b"AESV3") => Method::Aes,
                Some(b"None") => Method::Identity,
                _ => Method::Rc4,
            }
        };
        let (strings, streams) = if v >= 4 {
            let s = enc
                .get(b"StrF")
                .and_then(Obj::as_name)
                .unwrap_or(b"Identity");
            let t = enc
                .get(b"StmF")
                .and_then(Obj::as_name)
                .unwrap_or(b"Identity");
            (method_of(s), method_of(t))
        } else {
            (Method::Rc4, Method::Rc4)
        };
        match r {
            2..=4 => {
                let n = if r == 2 {
                    5
                } else {
                    (enc.get(b"Length").and_then(Obj::as_i64).unwrap_or(40) / 8).clamp(5, 16)
                        as usize
                };
                let mut m = Vec::with_capacity(128);
                m.extend_from_slice(&PAD);
                m.extend_from_slice(o.get(..32).ok_or(CryptError::Unsupported)?);
                m.extend_from_slice(&p.to_le_bytes());
                m.extend_from_slice(id0);
                if r >= 4 && !meta {
                    m.extend_from_slice(&[0xff; 4]);
                }
                let mut h = md5(&m);
                if r >= 3 {
                    for _ in 0..50 {
                        h = md5(&h[..n]);
                    }
                }
                let key = h[..n].to_vec();
                // Check the empty password against /U.
                let ok = if r == 2 {
                    let mut t = PAD.to_vec();
                    rc4(&key, &mut t);
                    u.get(..32) == Some(&t[..])
                } else {
                    let mut m = PAD.to_vec();
                    m.extend_from_slice(id0);
                    let mut t = md5(&m).to_vec();
                    for i in 0..20u8 {
                        let k: Vec<u8> = key.iter().map(|b| b ^ i).collect();
                        rc4(&k, &mut t);
                    }
                    u.get(..16) == Some(&t[..16])
                };
                if !ok {
                    return Err(CryptError::NeedsPassword);
                }
                Ok(Crypt {
                    key,
                    strings,
                    streams,
                    v5: false,
                })
            }
            5 | 6 => {
                let ue = bytes(enc.get(b"UE"));
                let (Some(hash), Some(vsalt), Some(ksalt)) =
                    (u.get(..32), u.get(32..40), u.get(40..48))
                else {
                    return Err(CryptError::Unsupported);
                };
                let check = if r == 5 {
                    sha256(&[vsalt].concat()).to_vec()
                } else {
                    hash_r6(vsalt)
                };
                if check != hash {
                    return Err(CryptError::NeedsPassword);
                }
                let ik = if r == 5 {
                    sha256(ksalt).to_vec()
                } else {
                    hash_r6(ksalt)
                };
                let mut key = ue.get(..32).ok_or(CryptError::Unsupported)?.to_vec();
                let aes = Aes::new(&ik).ok_or(CryptError::Unsupported)?;
                let mut prev = [0u8; 16];
                for block in key.chunks_mut(16) {
                    let mut b = [0u8; 16];
                    b.copy_from_slice(block);
                    let c = b;
                    aes.decrypt(&mut b);
                    for (x, p) in b.iter_mut().zip(prev) {
                        *x ^= p;
                    }
                    block.copy_from_slice(&b);
                    prev = c;
                }
                Ok(Crypt {
                    key,
                    strings,
                    streams,
                    v5: true,
                })
            }
            _ => Err(CryptError::Unsupported),
        }
    }

    fn object_key(&self, num: u32, gen: u16, aes: bool) -> Vec<u8> {
        if self.v5 {
            return self.key.clone();
        }
        let mut m = self.key.clone();
        m.extend_from_slice(&num.to_le_bytes()[..3]);
        m.extend_from_slice(&gen.to_le_bytes());
        if aes {
            m.extend_from_slice(b"sAlT");
        }
        let h = md5(&m);
        h[..(self.key.len() + 5).min(16)].to_vec()
    }

    fn run(&self, method: Method, num: u32, gen: u16, data: &mut Vec<u8>) {
        match method {
            Method::Identity => {}
            Method::Rc4 => rc4(&self.object_key(num, gen, false), data),
            Method::Aes => {
                let key = self.object_key(num, gen, true);
                *data = aes_cbc_decrypt(&key, data).unwrap_or_default();
            }
        }
    }

    /// Decrypt every string of an object and its stream data, in place.
    pub(super) fn object(&self, num: u32, gen: u16, o: &mut Obj) {
        self.walk(num, gen, o, 0);
    }

    fn walk(&self, num: u32, gen: u16, o: &mut Obj, depth: usize) {
        if depth > 64 {
            return;
        }
        match o {
            Obj::Str(s) => self.run(self.strings, num, gen, s),
            Obj::Array(a) => a.iter_mut().for_each(|x| self.walk(num, gen, x, depth + 1)),
            Obj::Dict(d) => {
                d.0.iter_mut()
                    .for_each(|(_, x)| self.walk(num, gen, x, depth + 1))
            }
            Obj::Stream(d, data) => {
                d.0.iter_mut()
                    .for_each(|(_, x)| self.walk(num, gen, x, depth + 1));
                let xref = d.get(b"Type").and_then(Obj::as_name) == Some(b"XRef");
                if !xref {
                    self.run(self.streams, num, gen, data);
                }
            }
            _ => {}
        }
    }
}

/// R6's hash (ISO 32000-2, algorithm 2.B) of the empty password.
fn hash_r6(salt: &[u8]) -> Vec<u8> {
    let mut k: Vec<u8> = sha256(salt).to_vec();
    let mut round = 0u32;
    loop {
        let k1: Vec<u8> = k.repeat(64);
        let Some(aes) = Aes::new(&k[..16]) else {
            return Vec::new();
        };
        let mut e = k1;
        let mut iv = [0u8; 16];
        iv.copy_from_slice(&k[16..32]);
        for block in e.chunks_mut(16) {
            let mut b = [0u8; 16];
            b.copy_from_slice(block);
            for (x, p) in b.iter_mut().zip(iv) {
                *x ^= p;
            }
            aes.encrypt(&mut b);
            block.copy_from_slice(&b);
            iv = b;
        }
        let sum: u32 = e[..16].iter().map(|&b| u32::from(b)).sum();
        k = match sum % 3 {
            0 => sha256(&e).to_vec(),
            1 => sha512(&e, true),
            _ => sha512(&e, false),
        };
        let last = u32::from(*e.last().unwrap_or(&0));
        if round >= 63 && last <= round - 32 {
            break;
        }
        round += 1;
        if round > 2000 {
            break;
        }
    }
    k.truncate(32);
    k
}

fn aes_cbc_decrypt(key: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    let aes = Aes::new(key)?;
    let (iv, body) = (data.get(..16)?, data.get(16..)?);
    let mut prev = [0u8; 16];
    prev.copy_from_slice(iv);
    let mut out = Vec::with_capacity(body.len());
    for chunk in body.chunks(16) {
        if chunk.len() < 16 {
            break;
        }
        let mut b = [0u8; 16];
        b.copy_from_slice(chunk);
        let c = b;
        aes.decrypt(&mut b);
        for (x, p) in b.iter_mut().zip(prev) {
            *x ^= p;
        }
        out.extend_from_slice(&b);
        prev = c;
    }
    // PKCS#5 padding.
    if let Some(&n) = out.last() {
        if (1..=16).contains(&n) && out.len() >= n as usize {
            out.truncate(out.len() - n as usize);
        }
    }
    Some(out)
}

pub(super) fn rc4(key: &[u8], data: &mut [u8]) {
    if key.is_empty() {
        return;
    }
    let mut s: [u8; 256] = std::array::from_fn(|i| i as u8);
    let mut j = 0u8;
    for i in 0..256 {
        j = j.wrapping_add(s[i]).wrapping_add(key[i % key.len()]);
        s.swap(i, j as usize);
    }
    let (mut i, mut j) = (0u8, 0u8);
    for b in data.iter_mut() {
        i = i.wrapping_add(1);
        j = j.wrapping_add(s[i as usize]);
        s.swap(i as usize, j as usize);
        *b ^= s[s[i as usize].wrapping_add(s[j as usize]) as usize];
    }
}

// MD5's constants, floor(|sin(i + 1)| × 2^32), written out so that the
// WebAssembly build carries no sine (and its argument reduction).
const MD5_K: [u32; 64] = [
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
];

pub(super) fn md5(data: &[u8]) -> [u8; 16] {
    const S: [u32; 64] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5,
        9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10,
        15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];
    let mut h: [u32; 4] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
    let mut msg = data.to_vec();
    let bits = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bits.to_le_bytes());
    for chunk in msg.chunks(64) {
        let m: [u32; 16] = std::array::from_fn(|i| {
            u32::from_le_bytes([
                chunk[4 * i],
                chunk[4 * i + 1],
                chunk[4 * i + 2],
                chunk[4 * i + 3],
            ])
        });
        let (mut a, mut b, mut c, mut d) = (h[0], h[1], h[2], h[3]);
        for i in 0..64 {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let t = d;
            d = c;
            c = b;
            b = b.wrapping_add(
                a.wrapping_add(f)
                    .wrapping_add(MD5_K[i])
                    .wrapping_add(m[g])
                    .rotate_left(S[i]),
            );
            a = t;
        }
        h[0] = h[0].wrapping_add(a);
        h[1] = h[1].wrapping_add(b);
        h[2] = h[2].wrapping_add(c);
        h[3] = h[3].wrapping_add(d);
    }
    let mut out = [0u8; 16];
    for (i, v) in h.iter().enumerate() {
        out[4 * i..4 * i + 4].copy_from_slice(&v.to_le_bytes());
    }
    out
}

pub(super) fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    let bits = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bits.to_be_bytes());
    for chunk in msg.chunks(64) {
        let mut w = [0u32; 64];
        for i in 0..16 {
            w[i] = u32::from_be_bytes([
                chunk[4 * i],
                chunk[4 * i + 1],
                chunk[4 * i + 2],
                chunk[4 * i + 3],
            ]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..64 {
            let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7]
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [
                t1.wrapping_add(t2),
                v[0],
                v[1],
                v[2],
                v[3].wrapping_add(t1),
                v[4],
                v[5],
                v[6],
            ];
        }
        for (x, y) in h.iter_mut().zip(v) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (i, v) in h.iter().enumerate() {
        out[4 * i..4 * i + 4].copy_from_slice(&v.to_be_bytes());
    }
    out
}

/// SHA-512, or SHA-384 when `short`.
pub(super) fn sha512(data: &[u8], short: bool) -> Vec<u8> {
    const K: [u64; 80] = [
        0x428a2f98d728ae22,
        0x7137449123ef65cd,
        0xb5c0fbcfec4d3b2f,
        0xe9b5dba58189dbbc,
        0x3956c25bf348b538,
        0x59f111f1b605d019,
        0x923f82a4af194f9b,
        0xab1c5ed5da6d8118,
        0xd807aa98a3030242,
        0x12835b0145706fbe,
        0x243185be4ee4b28c,
        0x550c7dc3d5ffb4e2,
        0x72be5d74f27b896f,
        0x80deb1fe3b1696b1,
        0x9bdc06a725c71235,
        0xc19bf174cf692694,
        0xe49b69c19ef14ad2,
        0xefbe4786384f25e3,
        0x0fc19dc68b8cd5b5,
        0x240ca1cc77ac9c65,
        0x2de92c6f592b0275,
        0x4a7484aa6ea6e483,
        0x5cb0a9dcbd41fbd4,
        0x76f988da831153b5,
        0x983e5152ee66dfab,
        0xa831c66d2db43210,
        0xb00327c898fb213f,
        0xbf597fc7beef0ee4,
        0xc6e00bf33da88fc2,
        0xd5a79147930aa725,
        0x06ca6351e003826f,
        0x142929670a0e6e70,
        0x27b70a8546d22ffc,
        0x2e1b21385c26c926,
        0x4d2c6dfc5ac42aed,
        0x53380d139d95b3df,
        0x650a73548baf63de,
        0x766a0abb3c77b2a8,
        0x81c2c92e47edaee6,
        0x92722c851482353b,
        0xa2bfe8a14cf10364,
        0xa81a664bbc423001,
        0xc24b8b70d0f89791,
        0xc76c51a30654be30,
        0xd192e819d6ef5218,
        0xd69906245565a910,
        0xf40e35855771202a,
        0x106aa07032bbd1b8,
        0x19a4c116b8d2d0c8,
        0x1e376c085141ab53,
        0x2748774cdf8eeb99,
        0x34b0bcb5e19b48a8,
        0x391c0cb3c5c95a63,
        0x4ed8aa4ae3418acb,
        0x5b9cca4f7763e373,
        0x682e6ff3d6b2b8a3,
        0x748f82ee5defb2fc,
        0x78a5636f43172f60,
        0x84c87814a1f0ab72,
        0x8cc702081a6439ec,
        0x90befffa23631e28,
        0xa4506cebde82bde9,
        0xbef9a3f7b2c67915,
        0xc67178f2e372532b,
        0xca273eceea26619c,
        0xd186b8c721c0c207,
        0xeada7dd6cde0eb1e,
        0xf57d4f7fee6ed178,
        0x06f067aa72176fba,
        0x0a637dc5a2c898a6,
        0x113f9804bef90dae,
        0x1b710b35131c471b,
        0x28db77f523047d84,
        0x32caab7b40c72493,
        0x3c9ebe0a15c9bebc,
        0x431d67c49c100d4c,
        0x4cc5d4becb3e42b6,
        0x597f299cfc657e2a,
        0x5fcb6fab3ad6faec,
        0x6c44198c4a475817,
    ];
    let mut h: [u64; 8] = if short {
        [
            0xcbbb9d5dc1059ed8,
            0x629a292a367cd507,
            0x9159015a3070dd17,
            0x152fecd8f70e5939,
            0x67332667ffc00b31,
            0x8eb44a8768581511,
            0xdb0c2e0d64f98fa7,
            0x47b5481dbefa4fa4,
        ]
    } else {
        [
            0x6a09e667f3bcc908,
            0xbb67ae8584caa73b,
            0x3c6ef372fe94f82b,
            0xa54ff53a5f1d36f1,
            0x510e527fade682d1,
            0x9b05688c2b3e6c1f,
            0x1f83d9abfb41bd6b,
            0x5be0cd19137e2179,
        ]
    };
    let mut msg = data.to_vec();
    let bits = (data.len() as u128).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 128 != 112 {
        msg.push(0);
    }
    msg.extend_from_slice(&bits.to_be_bytes());
    for chunk in msg.chunks(128) {
        let mut w = [0u64; 80];
        for i in 0..16 {
            let mut b = [0u8; 8];
            b.copy_from_slice(&chunk[8 * i..8 * i + 8]);
            w[i] = u64::from_be_bytes(b);
        }
        for i in 16..80 {
            let s0 = w[i - 15].rotate_right(1) ^ w[i - 15].rotate_right(8) ^ (w[i - 15] >> 7);
            let s1 = w[i - 2].rotate_right(19) ^ w[i - 2].rotate_right(61) ^ (w[i - 2] >> 6);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..80 {
            let s1 = v[4].rotate_right(14) ^ v[4].rotate_right(18) ^ v[4].rotate_right(41);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7]
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = v[0].rotate_right(28) ^ v[0].rotate_right(34) ^ v[0].rotate_right(39);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [
                t1.wrapping_add(t2),
                v[0],
                v[1],
                v[2],
                v[3].wrapping_add(t1),
                v[4],
                v[5],
                v[6],
            ];
        }
        for (x, y) in h.iter_mut().zip(v) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = Vec::with_capacity(64);
    for v in h.iter().take(if short { 6 } else { 8 }) {
        out.extend_from_slice(&v.to_be_bytes());
    }
    out
}

/// AES with a 128- or 256-bit key (one block at a time).
struct Aes {
    rk: Vec<[u8; 16]>,
    sbox: [u8; 256],
    inv: [u8; 256],
}

fn sbox() -> ([u8; 256], [u8; 256]) {
    let mut s = [0u8; 256];
    let mut inv = [0u8; 256];
    let (mut p, mut q) = (1u8, 1u8);
    loop {
        // p × 3, q ÷ 3 in GF(2^8).
        p = p ^ (p << 1) ^ if p & 0x80 != 0 { 0x1b } else { 0 };
        q ^= q << 1;
        q ^= q << 2;
        q ^= q << 4;
        if q & 0x80 != 0 {
            q ^= 0x09;
        }
        let x =
            q ^ q.rotate_left(1) ^ q.rotate_left(2) ^ q.rotate_left(3) ^ q.rotate_left(4) ^ 0x63;
        s[p as usize] = x;
        inv[x as usize] = p;
        if p == 1 {
            break;
        }
    }
    s[0] = 0x63;
    inv[0x63] = 0;
    (s, inv)
}

fn xtime(b: u8) -> u8 {
    (b << 1) ^ if b & 0x80 != 0 { 0x1b } else { 0 }
}

fn gmul(mut a: u8, mut b: u8) -> u8 {
    let mut r = 0u8;
    while b != 0 {
        if b & 1 != 0 {
            r ^= a;
        }
        a = xtime(a);
        b >>= 1;
    }
    r
}

impl Aes {
    fn new(key: &[u8]) -> Option<Aes> {
        let nk = match key.len() {
            16 => 4,
            32 => 8,
            _ => return None,
        };
        let nr = nk + 6;
        let (s, inv) = sbox();
        let mut w: Vec<[u8; 4]> = key.chunks(4).map(|c| [c[0], c[1], c[2], c[3]]).collect();
        let mut rcon = 1u8;
        for i in nk..4 * (nr + 1) {
            let mut t = w[i - 1];
            if i % nk == 0 {
                t = [
                    s[t[1] as usize] ^ rcon,
                    s[t[2] as usize],
                    s[t[3] as usize],
                    s[t[0] as usize],
                ];
                rcon = xtime(rcon);
            } else if nk > 6 && i % nk == 4 {
                t = t.map(|b| s[b as usize]);
            }
            let p = w[i - nk];
            w.push([p[0] ^ t[0], p[1] ^ t[1], p[2] ^ t[2], p[3] ^ t[3]]);
        }
        let rk = w
            .chunks(4)
            .map(|c| {
                let mut k = [0u8; 16];
                for (j, word) in c.iter().enumerate() {
                    k[4 * j..4 * j + 4].copy_from_slice(word);
                }
                k
            })
            .collect();
        Some(Aes { rk, sbox: s, inv })
    }

    fn encrypt(&self, b: &mut [u8; 16]) {
        let s = &self.sbox;
        let nr = self.rk.len() - 1;
        xor(b, &self.rk[0]);
        for round in 1..=nr {
            for x in b.iter_mut() {
                *x = s[*x as usize];
            }
            shift_rows(b);
            if round != nr {
                for c in 0..4 {
                    let col = [b[4 * c], b[4 * c + 1], b[4 * c + 2], b[4 * c + 3]];
                    for r in 0..4 {
                        b[4 * c + r] = gmul(col[r], 2)
                            ^ gmul(col[(r + 1) % 4], 3)
                            ^ col[(r + 2) % 4]
                            ^ col[(r + 3) % 4];
                    }
                }
            }
            xor(b, &self.rk[round]);
        }
    }

    fn decrypt(&self, b: &mut [u8; 16]) {
        let inv = &self.inv;
        let nr = self.rk.len() - 1;
        xor(b, &self.rk[nr]);
        for round in (0..nr).rev() {
            inv_shift_rows(b);
            for x in b.iter_mut() {
                *x = inv[*x as usize];
            }
            xor(b, &self.rk[round]);
            if round != 0 {
                for c in 0..4 {
                    let col = [b[4 * c], b[4 * c + 1], b[4 * c + 2], b[4 * c + 3]];
                    for r in 0..4 {
                        b[4 * c + r] = gmul(col[r], 14)
                            ^ gmul(col[(r + 1) % 4], 11)
                            ^ gmul(col[(r + 2) % 4], 13)
                            ^ gmul(col[(r + 3) % 4], 9);
                    }
                }
            }
        }
    }
}

fn xor(b: &mut [u8; 16], k: &[u8; 16]) {
    for (x, y) in b.iter_mut().zip(k) {
        *x ^= y;
    }
}

fn shift_rows(b: &mut [u8; 16]) {
    let t = *b;
    for c in 0..4 {
        for r in 0..4 {
            b[4 * c + r] = t[4 * ((c + r) % 4) + r];
        }
    }
}

fn inv_shift_rows(b: &mut [u8; 16]) {
    let t = *b;
    for c in 0..4 {
        for r in 0..4 {
            b[4 * ((c + r) % 4) + r] = t[4 * c + r];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    #[test]
    fn digests_match_known_answers() {
        assert_eq!(hex(&md5(b"abc")), "900150983cd24fb0d6963f7d28e17f72");
        // The written-out constants are floor(|sin(i + 1)| × 2^32).
        let k: [u32; 64] =
            std::array::from_fn(|i| ((i as f64 + 1.0).sin().abs() * 4294967296.0) as u32);
        assert_eq!(MD5_K, k);
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(hex(&sha512(b"abc", false)).starts_with("ddaf35a193617abacc417349ae204131"));
        assert!(hex(&sha512(b"abc", true)).starts_with("cb00753f45a35e8bb5a03d699ac65007"));
    }

    #[test]
    fn aes_matches_fips_197() {
        let pt: [u8; 16] = std::array::from_fn(|i| (i as u8) * 0x11);
        let k128: Vec<u8> = (0u8..16).collect();
        let a = Aes::new(&k128).unwrap();
        let mut b = pt;
        a.encrypt(&mut b);
        assert_eq!(hex(&b), "69c4e0d86a7b0430d8cdb78070b4c55a");
        a.decrypt(&mut b);
        assert_eq!(b, pt);
        let k256: Vec<u8> = (0u8..32).collect();
        let a = Aes::new(&k256).unwrap();
        let mut b = pt;
        a.encrypt(&mut b);
        assert_eq!(hex(&b), "8ea2b7ca516745bfeafc49904b496089");
        a.decrypt(&mut b);
        assert_eq!(b, pt);
    }

    #[test]
    fn rc4_known_answer() {
        let mut d = b"Plaintext".to_vec();
        rc4(b"Key", &mut d);
        assert_eq!(hex(&d), "bbf316e8d940af0ad3");
    }
}
