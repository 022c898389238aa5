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
  uint32_t index = 0;             // 1 … n
  std::vector<Scalar> coefficients;  // a_{j,0} … a_{j,k-1}
  BoxKey box;
  Scalar share;                   // x_j, once accepted
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

// Public checks of the key generation (section 10 step 3): every proof, every h_m. Returns the
// election public key and the verification keys h_1 … h_n.
struct PublicKeys {
  Element public_key;
  std::vector<Element> verification_keys;
  uint32_t threshold = 0;
};
Result<PublicKeys> check_key_generation(const std::string& setup, uint32_t threshold,
                                        uint32_t trustees,
                                        const std::vector<Json>& commitments_payloads,
                                        const std::vector<Json>& accepted_payloads);

// The homomorphic tally: per slot the product of the counted ballots' ciphertexts.
std::vector<Ciphertext> tally(uint32_t slot_count, const std::vector<const Ballot*>& counted);
Json tally_json(const std::vector<Ciphertext>& slots);
Result<std::vector<Ciphertext>> parse_tally(const Json& slots, uint32_t slot_count);

// A trustee's partial-decryption payload {"trustee", "factors"} for the tally.
Json partial_decryption(const TrusteeSecret& secret, const Manifest& manifest,
                        const std::vector<Ciphertext>& tally);
// Checks one partial decryption against h_j and the tally; returns the factors D_{j,s}.
Result<std::vector<Element>> check_partial_decryption(const Manifest& manifest,
                                                      const std::vector<Ciphertext>& tally,
                                                      const Json& payload);

// Combines the factors of trustees `indices` (at least the threshold, section 8) and decodes
// each slot's count within [0, max_count]. kRuleViolation if a count does not decode.
Result<std::vector<int64_t>> combine(const std::vector<Ciphertext>& tally,
                                     const std::vector<uint32_t>& indices,
                                     const std::vector<std::vector<Element>>& factors,
                                     int64_t max_count);

}  // namespace plenum::crypto
