#include "search/similarity.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "search/segmenter.h"

namespace plenum::search {
namespace {

bool is_single_character(std::string_view w) {
  // One code point: the first byte's length covers the whole word.
  if (w.empty()) return true;
  unsigned char c = static_cast<unsigned char>(w[0]);
  size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return w.size() <= len;
}

}  // namespace

std::vector<TermCount> topic_words(std::string_view text) {
  std::map<std::string, int, std::less<>> counts;
  for (Word& w : words(text)) {
    if (is_single_character(w.text) || is_function_word(w.text)) continue;
    ++counts[std::move(w.text)];
  }
  std::vector<TermCount> out;
  out.reserve(counts.size());
  for (auto& [word, n] : counts) out.push_back({word, n});
  return out;
}

std::vector<std::string> distinct_topic_words(std::string_view text) {
  std::vector<std::string> out;
  for (TermCount& t : topic_words(text)) out.push_back(std::move(t.word));
  return out;
}

double inverse_document_frequency(int64_t documents, int64_t document_frequency) {
  if (documents < 0) documents = 0;
  if (document_frequency < 0) document_frequency = 0;
  // df can briefly exceed N while a batch is half applied; keep the weight positive.
  if (document_frequency > documents) documents = document_frequency;
  return std::log((static_cast<double>(documents) + 1.0) / (static_cast<double>(document_frequency) + 0.5));
}

TermVector::TermVector(const std::vector<TermCount>& counts, const std::function<double(const std::string&)>& idf) {
  double norm2 = 0;
  terms_.reserve(counts.size());
  for (const TermCount& c : counts) {
    if (c.count <= 0) continue;
    double w = (1.0 + std::log(static_cast<double>(c.count))) * idf(c.word);
    if (!(w > 0)) continue;  // a word in every document carries nothing (and NaN carries less)
    terms_.push_back({c.word, w});
    norm2 += w * w;
  }
  std::sort(terms_.begin(), terms_.end(), [](const TermWeight& a, const TermWeight& b) { return a.word < b.word; });
  double norm = std::sqrt(norm2);
  for (TermWeight& t : terms_) t.weight /= norm;
}

double TermVector::cosine(const TermVector& other) const {
  double dot = 0;
  auto a = terms_.begin(), b = other.terms_.begin();
  while (a != terms_.end() && b != other.terms_.end()) {
    int cmp = a->word.compare(b->word);
    if (cmp < 0)
      ++a;
    else if (cmp > 0)
      ++b;
    else
      dot += (a++)->weight * (b++)->weight;
  }
  return std::clamp(dot, 0.0, 1.0);
}

double TermVector::weight(std::string_view word) const {
  auto it = std::lower_bound(terms_.begin(), terms_.end(), word,
                             [](const TermWeight& t, std::string_view w) { return t.word < w; });
  return it != terms_.end() && it->word == word ? it->weight : 0.0;
}

std::vector<std::string> TermVector::spread(std::string_view text, size_t k) const {
  std::vector<std::string> ordered;  // weighted topic words in text order
  for (Word& w : words(text))
    if (weight(w.text) > 0) ordered.push_back(std::move(w.text));
  std::vector<std::string> out;
  auto taken = [&](const std::string& w) { return std::find(out.begin(), out.end(), w) != out.end(); };
  for (size_t part = 0; part < k && !ordered.empty(); ++part) {
    size_t from = ordered.size() * part / k, to = ordered.size() * (part + 1) / k;
    const std::string* best = nullptr;
    for (size_t i = from; i < to; ++i)
      if (!taken(ordered[i]) &&
          (!best || weight(ordered[i]) > weight(*best) || (weight(ordered[i]) == weight(*best) && ordered[i] < *best)))
        best = &ordered[i];
    if (best) out.push_back(*best);
  }
  for (const std::string& w : strongest(k + out.size())) {
    if (out.size() >= k) break;
    if (!taken(w)) out.push_back(w);
  }
  return out;
}

std::vector<std::string> TermVector::strongest(size_t k) const {
  std::vector<const TermWeight*> order;
  for (const TermWeight& t : terms_) order.push_back(&t);
  std::sort(order.begin(), order.end(), [](const TermWeight* a, const TermWeight* b) {
    return a->weight != b->weight ? a->weight > b->weight : a->word < b->word;
  });
  std::vector<std::string> out;
  for (size_t i = 0; i < order.size() && i < k; ++i) out.push_back(order[i]->word);
  return out;
}

}  // namespace plenum::search
