#include <gtest/gtest.h>

#include "test_support.h"

namespace plenum::testing {
namespace {

TEST(Smoke, CheckInOverHttpReachesLiveSubscriber) {
  TempDir dir;
  auto app = open_app(dir.file("p.db"));
  Assembly a = seed_assembly(*app, "t", "npc", 3);
  add_account(*app, "sec", Json::array({{{"body", "t"}, {"role", "secretariat"}}}));
  TestServer server(*app);
  HttpClient client(server.port());
  ASSERT_EQ(client.login("sec").status, 200);
  LiveClient live(server.port(), client.cookie, "t", 0);
  auto r = client.action("attendance.check_in", Json{{"sitting_id", a.sitting_id}, {"seat", "S0001"}});
  ASSERT_EQ(r.status, 200) << r.body;
  // Catch-up first (body created … sitting scheduled), then the live marker, then the check-in.
  bool saw_check_in = false;
  for (int i = 0; i < 50 && !saw_check_in; ++i) {
    Json m = live.next();
    if (m["type"] == "event" && m["event_type"] == "attendance.checked_in") saw_check_in = true;
  }
  EXPECT_TRUE(saw_check_in);
}

}  // namespace
}  // namespace plenum::testing
