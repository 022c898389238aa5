// Ballots of the electronic mode (docs/ELECTION-PROTOCOL.md sections 3 to 6): the manifest a
// round is cast under, encrypted ballots with their proofs, credentials (Ed25519), and the
// checks the server runs on every ballot as it arrives and the verifier runs again on the board.
//
// make_ballot is what a device does (the web app has its own implementation, web/src/crypto);
// it lives here for tests, the benchmark and the interoperability vectors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "crypto/group.h"

namespace plenum::crypto {

// The parts of a manifest the cryptography needs (section 5). The manifest text itself is
// published; `fingerprint` is SHA-256 of its exact bytes.
struct Constraint {
  std::vector<uint32_t> slots;
  uint32_t min = 0, max = 0;
};

struct Manifest {
  std::string text;         // exact bytes as published
  std::string fingerprint;  // raw 32 bytes, SHA-256(text)
  Json json;                // parsed text (for the remaining fields)
  int64_t election_id = 0, round = 0;
  std::string setup;  // raw 32 bytes
  Element public_key;
  uint32_t trustee_threshold = 0;
  std::vector<Element> verification_keys;  // h_1 … h_n
  std::vector<Bytes32> credentials;        // strictly increasing
  int64_t electorate_count = 0;
  uint32_t seats = 0;
  std::vector<int64_t> candidate_ids;
  std::vector<Constraint> constraints;
  uint32_t slot_count = 0;
};

// Parses and checks a manifest text: encodings, credentials strictly increasing and as many as
// the electorate, slots and constraints exactly as section 5 derives them from the candidates
// and seats. kMalformed naming the field otherwise.
Result<Manifest> parse_manifest(std::string text);

// The slots and constraints section 5 derives for `candidates` candidates and `seats` seats:
// {"slots": [...], "constraints": [...]} (used by the server to write a manifest).
Json ballot_layout(const std::vector<int64_t>& candidate_ids, uint32_t seats);

struct Credential {
  Bytes32 seed{};        // private: the member's credential
  Bytes32 public_key{};  // Ed25519 public key
};
Credential new_credential();
Result<Credential> credential_from_seed(std::string_view seed_hex, const std::string& field);

// One proof item {c, z}.
struct ProofItem {
  Scalar c, z;
};
// {"c", "z"} from JSON (kMalformed naming `path`), and back; shared with the trustees' proofs.
Result<ProofItem> parse_proof_item(const Json& item, const std::string& path);
Json proof_item_json(const ProofItem& item);

struct Ciphertext {
  Element alpha, beta;
};

struct EncryptedSlot {
  Ciphertext ct;
  std::vector<ProofItem> proof;  // 2 items: m = 0, 1
};

struct Ballot {
  std::string fingerprint;  // raw 32 bytes
  Bytes32 credential{};
  std::vector<EncryptedSlot> slots;
  std::vector<std::vector<ProofItem>> constraints;  // items for min … max
  std::string signature;                            // raw 64 bytes
};

// Parses ballot JSON (section 6): shapes and encodings only, no proof checked.
Result<Ballot> parse_ballot(const Json& ballot);
Json ballot_json(const Ballot& ballot);
// BB of section 6 and the receipt hex(SHA-256(BB ‖ signature)).
std::string ballot_bytes(const Ballot& ballot);
std::string receipt(const Ballot& ballot);

// What a device does: encrypts `marks` (one 0/1 per slot), proves, signs. When `randomness` is
// given it receives each slot's r (for "audit this ballot"). kMalformed if the marks break a
// constraint (a ballot that could not be proved).
Result<Ballot> make_ballot(const Manifest& manifest, const Credential& credential, const std::vector<uint32_t>& marks,
                           std::vector<Scalar>* randomness = nullptr);

// Every check of section 10 step 5 for one ballot: fingerprint, credential in the list,
// signature, slot/constraint/proof counts, non-identity ciphertexts, every proof. The error
// (kMalformed or kRuleViolation) names the field and the reason.
Status verify_ballot(const Manifest& manifest, const Ballot& ballot);
// verify_ballot over many ballots on `threads` threads (0: hardware_concurrency); the statuses
// in the ballots' order. Ballots are independent, so this scales with the cores.
std::vector<Status> verify_ballots(const Manifest& manifest, const std::vector<const Ballot*>& ballots,
                                   unsigned threads = 0);

// Proofs (section 4), exposed for the trustee code, tests and the attack tests.
// A false statement (m outside [m0, m1]) gives a proof that does not verify.
std::vector<ProofItem> prove_interval(const Transcript& prefix, const Element& pk, const Ciphertext& ct, uint32_t m0,
                                      uint32_t m1, uint32_t m, const Scalar& r);
bool verify_interval(const Transcript& prefix, const Element& pk, const Ciphertext& ct, uint32_t m0, uint32_t m1,
                     const std::vector<ProofItem>& proof);
// Transcript prefixes of the choice and constraint proofs up to (not including) the
// ciphertext: prefix ‖ LP(fingerprint) ‖ LP(pk) ‖ LP(credential) ‖ U32(index).
Transcript choice_transcript(const Manifest& manifest, const Bytes32& credential, uint32_t slot);
Transcript constraint_transcript(const Manifest& manifest, const Bytes32& credential, uint32_t constraint);

Ciphertext multiply(const Ciphertext& a, const Ciphertext& b);

}  // namespace plenum::crypto
