// The group of plenum's verifiable elections: ristretto255 (RFC 9496) through libsodium, with the
// encodings of docs/ELECTION-PROTOCOL.md section 1 and the transcripts and challenges of
// section 2. Scalars and elements are always canonical: the only ways to make one are the
// checked decoders and the group operations.
//
// libsodium's ristretto scalar multiplication refuses to produce the identity (it returns -1);
// the operations here return the identity instead (zero scalar, identity point), so callers
// decide where the identity is acceptable (see decode_element's allow_identity).
// Thread-safe after init().
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace plenum::crypto {

// Calls sodium_init once; every other function requires it (safe to call repeatedly).
void init();

using Bytes32 = std::array<uint8_t, 32>;

struct Scalar {
  Bytes32 bytes{};  // little-endian, < ℓ
  bool operator==(const Scalar&) const = default;
};

struct Element {
  Bytes32 bytes{};  // canonical ristretto255 encoding; all zero = identity
  bool operator==(const Element&) const = default;
};

// Lowercase hex of 32 bytes (64 characters).
std::string to_hex(const Scalar& s);
std::string to_hex(const Element& e);
std::string to_hex(std::string_view bytes);
// Decodes lowercase hex of any even length (kMalformed naming `field` otherwise).
Result<std::string> from_hex(std::string_view hex, const std::string& field);

// kMalformed naming `field`: not 64 lowercase hex characters, value ≥ ℓ.
Result<Scalar> decode_scalar(std::string_view hex, const std::string& field);
// kMalformed naming `field`: not 64 lowercase hex characters, not a canonical encoding, or the
// identity where it is not allowed.
Result<Element> decode_element(std::string_view hex, const std::string& field, bool allow_identity = false);
// The same from raw bytes (e.g. from a sealed share).
Result<Scalar> scalar_from_bytes(const Bytes32& bytes, const std::string& field);

Scalar scalar(uint64_t value);
Scalar random_scalar();  // uniform, nonzero
Scalar add(const Scalar& a, const Scalar& b);
Scalar sub(const Scalar& a, const Scalar& b);
Scalar mul(const Scalar& a, const Scalar& b);
Scalar neg(const Scalar& a);
Scalar invert(const Scalar& a);  // a must be nonzero
bool is_zero(const Scalar& a);

Element identity();
Element generator();
bool is_identity(const Element& e);
Element base_mul(const Scalar& s);                // g^s
Element mul(const Element& e, const Scalar& s);   // e^s
Element add(const Element& a, const Element& b);  // a·b
Element sub(const Element& a, const Element& b);  // a·b^{-1}

// A length-prefixed transcript (section 2): LP(x) for bytes and text, U32 for integers.
class Transcript {
 public:
  // Starts with LP("plenum-election/1") ‖ LP("ristretto255") ‖ LP(kind).
  explicit Transcript(std::string_view kind);
  Transcript& bytes(std::string_view b);
  Transcript& element(const Element& e);
  Transcript& scalar(const Scalar& s);
  Transcript& u32(uint32_t n);
  const std::string& data() const { return data_; }
  // SHA-512 of the transcript reduced mod ℓ.
  Scalar challenge() const;

 private:
  std::string data_;
};

// LP and U32 building blocks, shared with the ballot bytes and the board hash. The length
// prefix of LP is 4 raw big-endian bytes; U32(n) is LP(4-byte big-endian n), 8 bytes.
void append_lp(std::string& out, std::string_view bytes);
void append_u32(std::string& out, uint32_t n);

std::string sha256(std::string_view data);  // raw 32 bytes
std::string sha512(std::string_view data);  // raw 64 bytes

}  // namespace plenum::crypto
