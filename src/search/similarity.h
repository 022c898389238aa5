// The arithmetic of similar-proposal detection (并案 candidates), independent of the store:
// texts become TF-IDF vectors over their topic words and are compared by cosine.
//
// Topic words are segmenter.h's words() of the folded text, without function words and without
// single characters (one Han character is usually a particle, a measure word or a fragment ICU
// could not place in a word; one Latin letter says nothing). Numbers are kept: years, article
// numbers and amounts are often what two duplicate proposals share.
//
// Weight of a word in a text: (1 + ln tf) × idf, idf = ln((N + 1) / (df + 0.5)) for N documents
// of which df contain the word (a word of the new text no stored document has gets the highest
// idf). Vectors are normalised, so cosine is a dot product in [0, 1].
//
// A store finds candidates cheaply (the text's strongest() words as an OR query, ranked by its
// full-text engine) and re-ranks them by cosine: see src/store/sqlite/similar_search.h.
//
// Pure functions and value types; thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace plenum::search {

struct TermCount {
  std::string word;  // folded
  int count = 0;
};

// Topic words with their counts, sorted by word.
std::vector<TermCount> topic_words(std::string_view text);

// Distinct topic words, sorted (what a document adds to the document frequencies).
std::vector<std::string> distinct_topic_words(std::string_view text);

double inverse_document_frequency(int64_t documents, int64_t document_frequency);

struct TermWeight {
  std::string word;
  double weight = 0;
};

class TermVector {
 public:
  TermVector() = default;
  // `idf` gives each word's inverse document frequency.
  TermVector(const std::vector<TermCount>& counts, const std::function<double(const std::string&)>& idf);

  // Cosine of the angle between two texts' vectors; 0 if either is empty.
  double cosine(const TermVector& other) const;
  // The k words of highest weight, strongest first (ties: by word, for determinism).
  std::vector<std::string> strongest(size_t k) const;
  // k words spread over `text` (the text this vector was built from): the text's topic words
  // in order are cut into k equal stretches and the strongest word of each is taken (then the
  // strongest remaining ones, if stretches repeat words). A document holding all of them
  // resembles the whole text, not one passage that many documents share.
  std::vector<std::string> spread(std::string_view text, size_t k) const;
  double weight(std::string_view word) const;                      // 0 if absent
  const std::vector<TermWeight>& terms() const { return terms_; }  // sorted by word
  bool empty() const { return terms_.empty(); }

 private:
  std::vector<TermWeight> terms_;  // unit length
};

}  // namespace plenum::search
