// Trustees' threshold key and decryption (docs/ELECTION-PROTOCOL.md sections 7 and 8). A
// trustee's program (plenum trustee …) runs these on the trustee's own machine; the server and
// the verifier only use the public checks.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/json.h"
#include "crypto/ballot.h"
#include "crypto/group.h"

namespace plenum::crypto {

// A trustee's X25519 key pair for receiving sealed shares (crypto_box_seal).
struct BoxKey {
  Bytes32 public_key{}, secret_key{};
};
BoxKey new_box_key();

// The secret a trustee keeps between the steps.
struct TrusteeSecret {
  uint32_t index = 0;                // 1 … n
  std::vector<Scalar> coefficients;  // a_{j,0} … a_{j,k-1}
  BoxKey box;
  Scalar share;  // x_j, once accepted
};

// Step 1: the trustee-commitments payload {"trustee", "commitments", "proofs", "shares"} for
// trustee `index` given the setup hash (raw 32 bytes), threshold k and every trustee's box key
// (index i at position i-1).
Json trustee_commitments(TrusteeSecret& secret, const std::string& setup, uint32_t threshold,
                         const std::vector<Bytes32>& box_keys);

// Step 2: opens this trustee's shares from every trustee-commitments payload, checks each, and
// returns the trustee-accepted payload {"trustee", "verification_key", "proof"} (x_j stored in
// secret.share). kRuleViolation naming the trustee whose share does not check.
Result<Json> trustee_accept(TrusteeSecret& secret, const std::string& setup,
                            const std::vector<Json>& commitments_payloads);

// The same checks one payload at a time, so the server refuses a bad one when it is posted:
// a trustee-commitments payload (shape, k commitments with valid proofs, n sealed shares) and a
// trustee-accepted payload (its proof, and h_m equal to the one the commitments determine).
Status check_trustee_commitments(const std::string& setup, uint32_t threshold, uint32_t trustees, const Json& payload);
Status check_trustee_accepted(const std::string& setup, const std::vector<Json>& commitments_payloads,
                              const Json& payload);

// Public checks of the key generation (section 10 step 3): every proof, every h_m. Returns the
// election public key and the verification keys h_1 … h_n.
struct PublicKeys {
  Element public_key;
  std::vector<Element> verification_keys;
  uint32_t threshold = 0;
};
Result<PublicKeys> check_key_generation(const std::string& setup, uint32_t threshold, uint32_t trustees,
                                        const std::vector<Json>& commitments_payloads,
                                        const std::vector<Json>& accepted_payloads);

// Parsed payloads (shapes and encodings only; section 10 step 2) and the single proofs, for the
// verifier, which reports the failing board entry itself.
struct CommitmentsPayload {
  uint32_t trustee = 0;
  std::vector<Element> commitments;  // C_{j,0} … C_{j,k-1}
  std::vector<ProofItem> proofs;
  std::vector<std::pair<uint32_t, std::string>> shares;  // (to, sealed bytes)
};
struct AcceptedPayload {
  uint32_t trustee = 0;
  Element verification_key;
  ProofItem proof;
};
struct PartialDecryption {
  uint32_t trustee = 0;
  std::vector<Element> factors;  // D_{j,s}, identity allowed
  std::vector<ProofItem> proofs;
};
Result<CommitmentsPayload> parse_commitments(const Json& payload);
Result<AcceptedPayload> parse_accepted(const Json& payload);
Result<PartialDecryption> parse_partial_decryption(const Json& payload);
bool verify_coefficient_proof(const std::string& setup, uint32_t trustee, uint32_t l, const Element& commitment,
                              const ProofItem& proof);
bool verify_share_proof(const std::string& setup, uint32_t trustee, const Element& h, const ProofItem& proof);
// h_m = Π_j Π_l C_{j,l}^{(m^l)} over every trustee's commitments.
Element expected_verification_key(const std::vector<CommitmentsPayload>& all, uint32_t m);
// The decryption proofs of one parsed partial decryption against h_j (the manifest's
// verification key) and the tally.
Status verify_partial_decryption(const Manifest& manifest, const std::vector<Ciphertext>& tally,
                                 const PartialDecryption& pd);

// The homomorphic tally: per slot the product of the counted ballots' ciphertexts.
std::vector<Ciphertext> tally(uint32_t slot_count, const std::vector<const Ballot*>& counted);
Json tally_json(const std::vector<Ciphertext>& slots);
Result<std::vector<Ciphertext>> parse_tally(const Json& slots, uint32_t slot_count);

// A trustee's partial-decryption payload {"round", "trustee", "factors"} for the tally (the
// round is the manifest's).
Json partial_decryption(const TrusteeSecret& secret, const Manifest& manifest, const std::vector<Ciphertext>& tally);
// Checks one partial decryption against h_j and the tally; returns the factors D_{j,s}.
Result<std::vector<Element>> check_partial_decryption(const Manifest& manifest, const std::vector<Ciphertext>& tally,
                                                      const Json& payload);

// Combines the factors of trustees `indices` (at least the threshold, section 8) and decodes
// each slot's count within [0, max_count]. kRuleViolation if a count does not decode.
Result<std::vector<int64_t>> combine(const std::vector<Ciphertext>& tally, const std::vector<uint32_t>& indices,
                                     const std::vector<std::vector<Element>>& factors, int64_t max_count);

}  // namespace plenum::crypto
