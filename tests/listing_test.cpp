// Paging of the list routes (ledger/listing.h): the contract on its own, then every list route
// of the 2024 demo walked page by page over real HTTP.
#include "ledger/listing.h"

#include <sodium.h>

#include <gtest/gtest.h>
#include <set>

#include "demo/demo.h"
#include "test_support.h"

namespace plenum::testing {
namespace {

using ledger::Listing;

Json members(std::initializer_list<int> ids) {
  Json out = Json::array();
  for (int id : ids) out.push_back(Json{{"id", id}, {"name", "m" + std::to_string(id)}});
  return out;
}

std::vector<int> ids_of(const Json& items) {
  std::vector<int> out;
  for (const auto& i : items) out.push_back(i["id"].get<int>());
  return out;
}

TEST(Listing, PagesFollowEachOtherByTheLastKeyEvenWhenItemsAreAdded) {
  Listing listing{"", {"id"}};
  Json all = members({2, 3, 5, 8, 13});
  auto first = ledger::page_request(listing, {{"limit", "2"}});
  ASSERT_TRUE(first);
  Json page = all;
  auto cut = ledger::cut_page(listing, *first, page);
  ASSERT_TRUE(cut);
  EXPECT_EQ(ids_of(page), (std::vector<int>{2, 3}));
  EXPECT_EQ(cut->total, 5);
  ASSERT_FALSE(cut->next_cursor.empty());

  // Items added before and after the cursor meanwhile: the next page starts after 3 all the same.
  Json grown = members({1, 2, 3, 4, 5, 8, 13, 21});
  auto second = ledger::page_request(listing, {{"limit", "2"}, {"cursor", cut->next_cursor}});
  ASSERT_TRUE(second);
  cut = ledger::cut_page(listing, *second, grown);
  ASSERT_TRUE(cut);
  EXPECT_EQ(ids_of(grown), (std::vector<int>{4, 5}));
  EXPECT_EQ(cut->total, 8);

  // No limit and no cursor: the whole list, as before paging.
  Json whole = all;
  cut = ledger::cut_page(listing, ledger::PageRequest{}, whole);
  ASSERT_TRUE(cut);
  EXPECT_EQ(whole, all);
  EXPECT_TRUE(cut->next_cursor.empty());
}

TEST(Listing, DescendingKeysArrayItemsAndListsInsideAnObject) {
  Listing newest{"notes", {"id"}, /*descending=*/true};
  Json answer{{"notes", members({9, 7, 4, 1})}, {"other", 1}};
  auto cut = ledger::cut_page(newest, *ledger::page_request(newest, {{"limit", "3"}}), answer);
  ASSERT_TRUE(cut);
  EXPECT_EQ(ids_of(answer["notes"]), (std::vector<int>{9, 7, 4}));
  EXPECT_EQ(answer["other"], 1);
  Json rest{{"notes", members({9, 7, 4, 1})}};
  ASSERT_TRUE(ledger::cut_page(newest, *ledger::page_request(newest, {{"cursor", cut->next_cursor}}), rest));
  EXPECT_EQ(ids_of(rest["notes"]), (std::vector<int>{1}));

  // A sealed box: [ballot, choice] pairs by choice, then ballot.
  Listing box{"ballots", {"1", "0"}};
  Json ballots{
      {"ballots", Json::array({Json::array({"b", "abstain"}), Json::array({"a", "for"}), Json::array({"c", "for"})})}};
  cut = ledger::cut_page(box, *ledger::page_request(box, {{"limit", "2"}}), ballots);
  ASSERT_TRUE(cut);
  Json after{
      {"ballots", Json::array({Json::array({"b", "abstain"}), Json::array({"a", "for"}), Json::array({"c", "for"})})}};
  ASSERT_TRUE(ledger::cut_page(box, *ledger::page_request(box, {{"cursor", cut->next_cursor}}), after));
  EXPECT_EQ(after["ballots"], Json::array({Json::array({"c", "for"})}));
}

TEST(Listing, BadLimitsAndCursorsAreRefusedNamingTheParameter) {
  Listing listing{"", {"id"}};
  for (const char* limit : {"0", "-1", "1001", "1e3", " 5", "5 ", "+5", "", "99999999999999999999999", "0x10"}) {
    auto r = ledger::page_request(listing, {{"limit", limit}});
    ASSERT_FALSE(r) << limit;
    EXPECT_EQ(r.error().code, ErrorCode::kMalformed);
    EXPECT_EQ(r.error().field, "limit");
  }
  auto encoded = [](const std::string& json) {
    // base64url without padding, as the server writes cursors
    std::string out(sodium_base64_encoded_len(json.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(json.data()), json.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.pop_back();
    return out;
  };
  for (const std::string& cursor :
       {std::string("not base64!"), std::string(""), encoded("not json"), encoded("[1,2]"), encoded("{\"id\":1}"),
        encoded("[[1]]"), encoded("[1.5]"), encoded("[true]"), encoded("[\"\\u0001\"]"), std::string(2000, 'A'),
        encoded("[1]") + "=", encoded("[1]").substr(1)}) {
    auto r = ledger::page_request(listing, {{"cursor", cursor}});
    ASSERT_FALSE(r) << cursor;
    EXPECT_EQ(r.error().code, ErrorCode::kMalformed);
    EXPECT_EQ(r.error().field, "cursor");
    EXPECT_FALSE(r.error().message_zh.empty());
  }
  EXPECT_TRUE(ledger::page_request(listing, {{"cursor", encoded("[7]")}}));
  EXPECT_TRUE(ledger::page_request(listing, {{"cursor", encoded("[\"text\"]")}}));
}

TEST(Listing, AHandlerOutOfItsKeyOrderIsAnInternalErrorNotAWrongPage) {
  Listing listing{"", {"id"}};
  Json unordered = members({1, 3, 2});
  auto cut = ledger::cut_page(listing, *ledger::page_request(listing, {{"limit", "1"}}), unordered);
  ASSERT_FALSE(cut);
  EXPECT_EQ(cut.error().code, ErrorCode::kInternal);
  Json repeated = members({1, 1});
  EXPECT_FALSE(ledger::cut_page(listing, *ledger::page_request(listing, {{"limit", "1"}}), repeated));
  Json keyless = Json::array({Json{{"name", "x"}}});
  EXPECT_FALSE(ledger::cut_page(listing, *ledger::page_request(listing, {{"limit", "1"}}), keyless));
  Json misshapen = Json{{"items", 1}};
  EXPECT_FALSE(ledger::cut_page(Listing{"items", {"id"}}, ledger::PageRequest{}, misshapen));
}

TEST(Listing, TheNextLinkEncodesEveryByteThatCouldEndTheHeader) {
  std::string link = ledger::next_link("/api/v1/bodies/a\r\nSet-Cookie: x/members", {{"unit", "北京 团"}}, "abc");
  EXPECT_EQ(link.find('\r'), std::string::npos);
  EXPECT_EQ(link.find('\n'), std::string::npos);
  EXPECT_EQ(link.find(' '), link.find("; rel") + 1);  // the only space is before rel
  EXPECT_EQ(link,
            "</api/v1/bodies/a%0D%0ASet-Cookie%3A%20x/members?cursor=abc&unit=%E5%8C%97%E4%BA%AC%20%E5%9B%A2>; "
            "rel=\"next\"");
}

// Every list route of the demo, walked with small pages: the pages together are the whole list,
// in order, each item once, and the headers say how many there are and where the next page is.
class DemoListings : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    app_ = open_app(dir_->file("p.db")).release();
    auto loaded = demo::load_2024(*app_->ledger, *app_->store);
    ASSERT_TRUE(loaded) << loaded.error().message_en;
    server_ = new TestServer(*app_);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete app_;
    delete dir_;
  }
  static TempDir* dir_;
  static app::App* app_;
  static TestServer* server_;
};
TempDir* DemoListings::dir_ = nullptr;
app::App* DemoListings::app_ = nullptr;
TestServer* DemoListings::server_ = nullptr;

const Json& list_in(const Json& answer, const Listing& listing) {
  return listing.items.empty() ? answer : answer.at(listing.items);
}

TEST_F(DemoListings, EveryListRouteWalksPageByPageToTheWholeList) {
  HttpClient admin(server_->port());
  ASSERT_EQ(admin.login("admin", demo::kDemoPassword).status, 200);
  // A path of the demo for each list route; an election's board is walked in
  // tests/elections_electronic_test.cpp (the demo holds no election).
  const std::map<std::string, std::vector<std::string>> samples = {
      {"/api/v1/rulebooks", {"/api/v1/rulebooks"}},
      {"/api/v1/bodies", {"/api/v1/bodies"}},
      {"/api/v1/bodies/{body}/sessions", {"/api/v1/bodies/cppcc/sessions"}},
      {"/api/v1/sessions/{session_id}/sittings", {"/api/v1/sessions/1/sittings"}},
      {"/api/v1/sessions/{session_id}/motions", {"/api/v1/sessions/1/motions"}},
      {"/api/v1/sessions/{session_id}/agenda", {"/api/v1/sessions/1/agenda"}},
      {"/api/v1/sessions/{session_id}/elections", {"/api/v1/sessions/1/elections"}},
      {"/api/v1/sittings/{sitting_id}/polls", {"/api/v1/sittings/2/polls"}},
      {"/api/v1/polls/{poll_id}/box", {"/api/v1/polls/1/box"}},
      {"/api/v1/bodies/{body}/promulgations", {"/api/v1/bodies/npc/promulgations"}},
      {"/api/v1/bodies/{body}/members", {"/api/v1/bodies/npc/members", "/api/v1/bodies/cppcc/members"}},
      {"/api/v1/bodies/{body}/member-accounts", {"/api/v1/bodies/npc/member-accounts"}},
      {"/api/v1/sittings/{sitting_id}/units", {"/api/v1/sittings/1/units"}},
      {"/api/v1/sittings/{sitting_id}/check-ins", {"/api/v1/sittings/1/check-ins"}},
      {"/api/v1/sittings/{sitting_id}/leaves", {"/api/v1/sittings/1/leaves"}},
      {"/api/v1/sessions/{session_id}/absences", {"/api/v1/sessions/1/absences"}},
      {"/api/v1/members/{member_id}/attendance", {"/api/v1/members/1/attendance"}},
      {"/api/v1/bodies/{body}/proposals/overdue", {"/api/v1/bodies/cppcc/proposals/overdue?as_of=2026-01-01"}},
      {"/api/v1/bodies/{body}/proposal-reports", {"/api/v1/bodies/cppcc/proposal-reports"}},
      {"/api/v1/bodies/{body}/handling-units", {"/api/v1/bodies/cppcc/handling-units"}},
      {"/api/v1/me/notifications", {"/api/v1/me/notifications"}},
  };
  std::set<std::string> listed;
  for (const auto& route : app_->registry.routes()) {
    if (!route.listing) continue;
    listed.insert(route.pattern);
    if (route.pattern == "/api/v1/elections/{election_id}/board") continue;
    auto sample = samples.find(route.pattern);
    ASSERT_NE(sample, samples.end()) << route.pattern << " is a list route with no sample path here";
    for (const auto& path : sample->second) {
      SCOPED_TRACE(path);
      HttpReply whole = admin.get(path);
      ASSERT_EQ(whole.status, 200) << whole.body;
      const Json all = list_in(whole.json(), *route.listing);
      EXPECT_EQ(whole.headers["x-total-count"], std::to_string(all.size()));
      EXPECT_EQ(whole.headers.count("link"), 0u) << "the whole list has no next page";

      // About five pages, and one item short of the whole so that a page boundary is inside.
      size_t limit = std::max<size_t>(1, all.size() / 5);
      char sep = path.find('?') == std::string::npos ? '?' : '&';
      std::string next = path + sep + "limit=" + std::to_string(limit);
      Json walked = Json::array();
      size_t pages = 0;
      while (!next.empty()) {
        HttpReply page = admin.get(next);
        ASSERT_EQ(page.status, 200) << next << ": " << page.body;
        EXPECT_EQ(page.headers["x-total-count"], std::to_string(all.size()));
        const Json items = list_in(page.json(), *route.listing);
        EXPECT_LE(items.size(), limit);
        for (const auto& item : items) walked.push_back(item);
        ASSERT_LE(++pages, all.size() + 1) << "the pages do not end";
        next.clear();
        if (auto link = page.headers.find("link"); link != page.headers.end()) {
          ASSERT_EQ(link->second.front(), '<') << link->second;
          next = link->second.substr(1, link->second.find('>') - 1);
          EXPECT_NE(next.find("limit=" + std::to_string(limit)), std::string::npos) << "the link keeps the query";
        }
      }
      EXPECT_EQ(walked, all) << "the pages together are the whole list, in order";
      if (all.size() > limit) {
        EXPECT_GT(pages, 1u);
      }
    }
  }
  for (const auto& [pattern, paths] : samples) EXPECT_TRUE(listed.count(pattern)) << pattern << " is not paged";
}

}  // namespace
}  // namespace plenum::testing
