// The promulgation feature's slice of storage (store/tables.h): its tables with their schema and
// their place in the state hash, and the reads and writes of its records.
#pragma once

#include <utility>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"
#include "store/tables.h"

namespace plenum::promulgation {

// A presidential order (主席令, series "order") or an announcement (公告, series
// "announcement"), numbered per body, term and series.
struct PromulgationRecord {
  int64_t id = 0;
  std::string body;
  int64_t term = 0;
  std::string series;
  int64_t number = 0;
  int64_t motion_id = 0;
  std::string title_zh;
  std::string enacted_by_zh;  // 第十四届全国人民代表大会第二次会议
  std::string adopted_on;     // YYYY-MM-DD
  std::string effective_on;   // YYYY-MM-DD
  std::string promulgated_on;
  std::string text_zh;
  std::string by;
};

}  // namespace plenum::promulgation

namespace plenum::promulgation::tables {

const store::TableSet& slice();

std::optional<PromulgationRecord> promulgation(store::Reader& r, int64_t id);
std::optional<PromulgationRecord> promulgation_of_motion(store::Reader& r, int64_t motion_id);
std::vector<PromulgationRecord> promulgations(store::Reader& r, const std::string& body);
// The number the next order or announcement of this series gets (1 unless set or issued).
int64_t next_number(store::Reader& r, const std::string& body, int64_t term, const std::string& series);
void put_promulgation(store::TableWriter& w, const PromulgationRecord& promulgation);
void set_next_number(store::TableWriter& w, const std::string& body, int64_t term, const std::string& series,
                     int64_t next);

}  // namespace plenum::promulgation::tables
