//! The standard security handler, for PDFs that open without a password.
//!
//! Many published PDFs are "protected" only by an owner password (no copying
//! or printing) with an empty user password: any viewer opens them, and so can
//! we. Supported: RC4 40–128 bit (R2–R4), AES-128 (AESV2) and AES-256 (R5, R6).
//! A file that needs a real password is refused with a clear message.
//!
//! The ciphers and digests are RustCrypto's crates (`md-5`, `sha2`, `aes`,
//! `cbc`, `rc4`); what is here is the handler's own logic: the key from the
//! empty password, the check against /U, the per-object keys, and which
//! objects are decrypted how.

use super::parse::{Dict, Obj};
use aes::cipher::{Array, BlockModeDecrypt, BlockModeEncrypt, KeyInit, KeyIvInit, StreamCipher};
use sha2::Digest;

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
                // The file key is /UE decrypted with AES-256 (CBC, zero IV,
                // no padding) under the intermediate key.
                let mut key = ue.get(..32).ok_or(CryptError::Unsupported)?.to_vec();
                cbc_decrypt(&ik, &[0; 16], &mut key).ok_or(CryptError::Unsupported)?;
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
        // E = AES-128-CBC(key K[0..16], IV K[16..32]) of 64 copies of K
        // (the password is empty), without padding.
        let mut e = k.repeat(64);
        let Ok(mut aes) = cbc::Encryptor::<aes::Aes128>::new_from_slices(&k[..16], &k[16..32])
        else {
            return Vec::new();
        };
        aes.encrypt_blocks(Array::slice_as_chunks_mut(&mut e).0);
        let sum: u32 = e[..16].iter().map(|&b| u32::from(b)).sum();
        k = match sum % 3 {
            0 => sha256(&e).to_vec(),
            1 => sha2::Sha384::digest(&e).to_vec(),
            _ => sha2::Sha512::digest(&e).to_vec(),
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

/// AES-CBC decryption in place of the whole blocks of `buf`: AES-128 or
/// AES-256 by the key's length (None for any other length).
fn cbc_decrypt(key: &[u8], iv: &[u8], buf: &mut [u8]) -> Option<()> {
    let blocks = Array::slice_as_chunks_mut(buf).0;
    match key.len() {
        16 => cbc::Decryptor::<aes::Aes128>::new_from_slices(key, iv)
            .ok()?
            .decrypt_blocks(blocks),
        32 => cbc::Decryptor::<aes::Aes256>::new_from_slices(key, iv)
            .ok()?
            .decrypt_blocks(blocks),
        _ => return None,
    }
    Some(())
}

/// A string or stream encrypted with AESV2/AESV3: a 16-byte IV, then the
/// ciphertext. A trailing partial block is dropped, and the padding is taken
/// off when its last byte says 1..=16, as viewers do (a wrong padding is not
/// an error: the bytes are kept).
fn aes_cbc_decrypt(key: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    let (iv, body) = (data.get(..16)?, data.get(16..)?);
    let mut out = body[..body.len() / 16 * 16].to_vec();
    cbc_decrypt(key, iv, &mut out)?;
    if let Some(&n) = out.last() {
        if (1..=16).contains(&n) && out.len() >= n as usize {
            out.truncate(out.len() - n as usize);
        }
    }
    Some(out)
}

/// RC4 in place; an empty key (never made by the handler) leaves the data.
fn rc4(key: &[u8], data: &mut [u8]) {
    if let Ok(mut c) = rc4::Rc4::new_from_slice(key) {
        c.apply_keystream(data);
    }
}

fn md5(data: &[u8]) -> [u8; 16] {
    md5::Md5::digest(data).into()
}

fn sha256(data: &[u8]) -> [u8; 32] {
    sha2::Sha256::digest(data).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    #[test]
    fn digests_match_known_answers() {
        // RFC 1321 and FIPS 180-4's "abc".
        assert_eq!(hex(&md5(b"abc")), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(hex(&sha2::Sha512::digest(b"abc")).starts_with("ddaf35a193617abacc417349ae204131"));
        assert!(hex(&sha2::Sha384::digest(b"abc")).starts_with("cb00753f45a35e8bb5a03d699ac65007"));
    }

    #[test]
    fn aes_matches_fips_197() {
        // One block in CBC with a zero IV is the block cipher itself
        // (FIPS 197, appendix C.1 and C.3).
        let pt: [u8; 16] = std::array::from_fn(|i| (i as u8) * 0x11);
        for (key, ct) in [
            (
                (0u8..16).collect::<Vec<u8>>(),
                "69c4e0d86a7b0430d8cdb78070b4c55a",
            ),
            ((0u8..32).collect(), "8ea2b7ca516745bfeafc49904b496089"),
        ] {
            let mut b: Vec<u8> = (0..ct.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&ct[i..i + 2], 16).unwrap())
                .collect();
            cbc_decrypt(&key, &[0; 16], &mut b).unwrap();
            assert_eq!(b, pt);
        }
        assert!(cbc_decrypt(&[0; 10], &[0; 16], &mut [0; 16]).is_none());
    }

    #[test]
    fn aes_cbc_strings_lose_their_padding() {
        // "abc" under AES-128-CBC with key 00..0f and IV 10..1f, PKCS#7 padded:
        // the IV and one block. Made by encrypting here, checked by decrypting.
        let key: Vec<u8> = (0u8..16).collect();
        let iv: Vec<u8> = (16u8..32).collect();
        let mut block = *b"abc\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d\x0d";
        cbc::Encryptor::<aes::Aes128>::new_from_slices(&key, &iv)
            .unwrap()
            .encrypt_blocks(Array::slice_as_chunks_mut(&mut block).0);
        let data = [&iv[..], &block[..]].concat();
        assert_eq!(aes_cbc_decrypt(&key, &data).unwrap(), b"abc");
        // A trailing partial block is dropped; no IV gives nothing.
        let longer = [&data[..], &[1, 2, 3]].concat();
        assert_eq!(aes_cbc_decrypt(&key, &longer).unwrap(), b"abc");
        assert!(aes_cbc_decrypt(&key, &data[..10]).is_none());
    }

    #[test]
    fn rc4_known_answer() {
        let mut d = b"Plaintext".to_vec();
        rc4(b"Key", &mut d);
        assert_eq!(hex(&d), "bbf316e8d940af0ad3");
        rc4(b"", &mut d);
        assert_eq!(hex(&d), "bbf316e8d940af0ad3");
    }
}
