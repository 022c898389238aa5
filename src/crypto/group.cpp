#include "crypto/group.h"

#include <sodium.h>

#include <cstdlib>
#include <cstring>
#include <mutex>

namespace plenum::crypto {
namespace {

// ℓ = 2^252 + 27742317777372353535851937790883648493, little-endian. libsodium has no public
// "is this scalar canonical" call, so decode_scalar compares against it.
constexpr Bytes32 kOrder = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
                            0xa2, 0xde, 0xf9, 0xde, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10};

bool below_order(const Bytes32& b) {
  for (int i = 31; i >= 0; --i) {
    if (b[i] < kOrder[i]) return true;
    if (b[i] > kOrder[i]) return false;
  }
  return false;  // equal to ℓ
}

Error malformed(const std::string& field, const std::string& zh, const std::string& en) {
  return make_error(ErrorCode::kMalformed, "字段 " + field + zh, "field " + field + en, field);
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;  // upper case is rejected on purpose: one spelling per value (section 1)
}

Result<Bytes32> decode32(std::string_view hex, const std::string& field) {
  if (hex.size() != 64) return malformed(field, " 应为 64 位小写十六进制", " must be 64 lowercase hex characters");
  PLENUM_ASSIGN_OR_RETURN(auto bytes, from_hex(hex, field));
  Bytes32 out;
  std::memcpy(out.data(), bytes.data(), 32);
  return out;
}

}  // namespace

void init() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no randomness source: nothing here can work
  });
}

std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    auto b = static_cast<uint8_t>(bytes[i]);
    out[2 * i] = kDigits[b >> 4];
    out[2 * i + 1] = kDigits[b & 15];
  }
  return out;
}
std::string to_hex(const Scalar& s) {
  return to_hex(std::string_view(reinterpret_cast<const char*>(s.bytes.data()), 32));
}
std::string to_hex(const Element& e) {
  return to_hex(std::string_view(reinterpret_cast<const char*>(e.bytes.data()), 32));
}

Result<std::string> from_hex(std::string_view hex, const std::string& field) {
  if (hex.size() % 2 != 0)
    return malformed(field, " 应为偶数长度的小写十六进制", " must be lowercase hex of even length");
  std::string out(hex.size() / 2, '\0');
  for (size_t i = 0; i < out.size(); ++i) {
    int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return malformed(field, " 应为小写十六进制", " must be lowercase hex");
    out[i] = static_cast<char>(hi << 4 | lo);
  }
  return out;
}

Result<Scalar> scalar_from_bytes(const Bytes32& bytes, const std::string& field) {
  if (!below_order(bytes))
    return malformed(field, " 不是规范标量（须小于群阶 ℓ）", " is not a canonical scalar (must be below ℓ)");
  return Scalar{bytes};
}

Result<Scalar> decode_scalar(std::string_view hex, const std::string& field) {
  PLENUM_ASSIGN_OR_RETURN(auto b, decode32(hex, field));
  return scalar_from_bytes(b, field);
}

Result<Element> decode_element(std::string_view hex, const std::string& field, bool allow_identity) {
  PLENUM_ASSIGN_OR_RETURN(auto b, decode32(hex, field));
  Element e{b};
  if (is_identity(e)) {
    if (!allow_identity) return malformed(field, " 不能是单位元", " must not be the identity");
    return e;
  }
  // is_valid_point decodes per RFC 9496 4.3.1, rejecting non-canonical encodings.
  if (crypto_core_ristretto255_is_valid_point(e.bytes.data()) != 1)
    return malformed(field, " 不是有效的 ristretto255 编码", " is not a valid ristretto255 encoding");
  return e;
}

Scalar scalar(uint64_t value) {
  Scalar s;
  for (int i = 0; i < 8; ++i) s.bytes[i] = static_cast<uint8_t>(value >> (8 * i));
  return s;  // < 2^64 < ℓ
}

Scalar random_scalar() {
  Scalar s;
  do crypto_core_ristretto255_scalar_random(s.bytes.data());
  while (is_zero(s));
  return s;
}

Scalar add(const Scalar& a, const Scalar& b) {
  Scalar r;
  crypto_core_ristretto255_scalar_add(r.bytes.data(), a.bytes.data(), b.bytes.data());
  return r;
}
Scalar sub(const Scalar& a, const Scalar& b) {
  Scalar r;
  crypto_core_ristretto255_scalar_sub(r.bytes.data(), a.bytes.data(), b.bytes.data());
  return r;
}
Scalar mul(const Scalar& a, const Scalar& b) {
  Scalar r;
  crypto_core_ristretto255_scalar_mul(r.bytes.data(), a.bytes.data(), b.bytes.data());
  return r;
}
Scalar neg(const Scalar& a) {
  Scalar r;
  crypto_core_ristretto255_scalar_negate(r.bytes.data(), a.bytes.data());
  return r;
}
Scalar invert(const Scalar& a) {
  Scalar r;
  if (crypto_core_ristretto255_scalar_invert(r.bytes.data(), a.bytes.data()) != 0) std::abort();
  return r;
}
bool is_zero(const Scalar& a) { return sodium_is_zero(a.bytes.data(), 32) == 1; }

Element identity() { return Element{}; }
Element generator() { return base_mul(scalar(1)); }
bool is_identity(const Element& e) { return sodium_is_zero(e.bytes.data(), 32) == 1; }

// libsodium returns -1 when the product is the identity (zero scalar, identity point); that is
// a legitimate result here, so the output is set to the identity's encoding instead.
Element base_mul(const Scalar& s) {
  Element r;
  if (crypto_scalarmult_ristretto255_base(r.bytes.data(), s.bytes.data()) != 0) r = identity();
  return r;
}
Element mul(const Element& e, const Scalar& s) {
  Element r;
  if (is_identity(e) || is_zero(s)) return identity();
  if (crypto_scalarmult_ristretto255(r.bytes.data(), s.bytes.data(), e.bytes.data()) != 0) r = identity();
  return r;
}
Element add(const Element& a, const Element& b) {
  if (is_identity(a)) return b;
  if (is_identity(b)) return a;
  Element r;
  // Elements are valid by construction, so -1 is impossible; abort rather than go on wrong.
  if (crypto_core_ristretto255_add(r.bytes.data(), a.bytes.data(), b.bytes.data()) != 0) std::abort();
  return r;
}
Element sub(const Element& a, const Element& b) {
  if (is_identity(b)) return a;
  Element r;
  if (crypto_core_ristretto255_sub(r.bytes.data(), a.bytes.data(), b.bytes.data()) != 0) std::abort();
  return r;
}

namespace {
void append_be32(std::string& out, uint32_t n) {
  out.push_back(static_cast<char>(n >> 24));
  out.push_back(static_cast<char>(n >> 16));
  out.push_back(static_cast<char>(n >> 8));
  out.push_back(static_cast<char>(n));
}
}  // namespace

void append_lp(std::string& out, std::string_view bytes) {
  append_be32(out, static_cast<uint32_t>(bytes.size()));
  out.append(bytes);
}
// U32(n) is LP of the 4-byte big-endian n (section 2), so every field of a transcript is
// length-prefixed alike.
void append_u32(std::string& out, uint32_t n) {
  append_be32(out, 4);
  append_be32(out, n);
}

Transcript::Transcript(std::string_view kind) {
  append_lp(data_, "plenum-election/1");
  append_lp(data_, "ristretto255");
  append_lp(data_, kind);
}
Transcript& Transcript::bytes(std::string_view b) {
  append_lp(data_, b);
  return *this;
}
Transcript& Transcript::element(const Element& e) {
  return bytes(std::string_view(reinterpret_cast<const char*>(e.bytes.data()), 32));
}
Transcript& Transcript::scalar(const Scalar& s) {
  return bytes(std::string_view(reinterpret_cast<const char*>(s.bytes.data()), 32));
}
Transcript& Transcript::u32(uint32_t n) {
  append_u32(data_, n);
  return *this;
}
Scalar Transcript::challenge() const {
  auto h = sha512(data_);
  Scalar c;
  crypto_core_ristretto255_scalar_reduce(c.bytes.data(), reinterpret_cast<const unsigned char*>(h.data()));
  return c;
}

std::string sha256(std::string_view data) {
  std::string out(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(data.data()),
                     data.size());
  return out;
}
std::string sha512(std::string_view data) {
  std::string out(crypto_hash_sha512_BYTES, '\0');
  crypto_hash_sha512(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(data.data()),
                     data.size());
  return out;
}

}  // namespace plenum::crypto
