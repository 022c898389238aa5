// The ledger: the only way anything changes. A request names an action with JSON arguments;
// the action's handler validates it against current state and the rulebook and emits events;
// the ledger appends each event to its body's hash chain and applies its projection in the same
// transaction; a whole batch commits at once (group commit, synchronous=FULL); only then are
// requests acknowledged and events published to live subscribers.
//
// Thread-safety: submit() may be called from any thread. Handlers and projectors run on the
// single writer thread. Completion callbacks and the publisher run on the writer thread after
// the commit and must not block.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "ledger/arg_schema.h"
#include "ledger/routes.h"
#include "rules/rulebook.h"
#include "store/store.h"

namespace plenum::ledger {

// The actor of a request: a username, or kSystemActor for the CLI and the demo loader.
inline constexpr const char* kSystemActor = "system";
// The chain that records accounts and roles (not an assembly body; streamed to admins only).
inline constexpr const char* kAccountsChain = "plenum";

struct ActionRequest {
  std::string action;      // "attendance.check_in"
  Json args;               // an object
  std::string actor;       // username
  std::string request_id;  // client-chosen, scoped to the actor; "" disables idempotency
  std::string args_hash;   // set by submit(), over the args as the client sent them
};

// A committed event as projectors and subscribers see it.
struct Event {
  std::string body;
  int64_t seq = 0;
  std::string type;
  std::string actor;
  int64_t at = 0;
  Json payload;
  std::string hash;
  Json to_json() const;
};

struct Ack {
  Json result;                // what the handler reported (ids, counts)
  std::vector<Event> events;  // what was appended (empty when replayed)
  bool replayed = false;      // an earlier request with this id was answered again
  Json to_json() const;
};

// A derived message published after commit (e.g. a sitting's attendance summary). Notices with
// the same key are coalesced per batch: the message is computed once, after the batch's last
// action and before its commit, so a burst of check-ins costs one summary, not thousands.
struct Notice {
  std::string body;
  std::string key;
  Json message;
};
using NoticeMaker = std::function<Json(store::Reader&)>;

// A role an account holds in a body ("*": in every body; role "admin": everything).
struct Grant {
  std::string body, role;
};
// True if `grants` hold one of `roles` in `body`, or admin.
bool grants_role(const std::vector<Grant>& grants, const std::string& body, std::initializer_list<const char*> roles);
// How the ledger learns who an actor is; the accounts feature, which keeps the accounts,
// registers it (Registry::set_identity).
struct Identity {
  std::function<std::vector<Grant>(store::Reader&, const std::string& username)> grants;
  std::function<int64_t(store::Reader&, const std::string& username)> member_id;  // 0: none
};

// What the actions of one batch look up again and again. Dropped whenever an action changes
// it or rolls back, so it never outlives the state it was read from.
struct BatchCache {
  std::map<std::string, std::vector<Grant>> roles;                          // by username
  std::map<std::string, std::shared_ptr<const rules::Rulebook>> rulebooks;  // by body
  void clear() {
    roles.clear();
    rulebooks.clear();
  }
};

class ActionContext {
 public:
  // What the handler reads: the state before this action, plus what its own emits projected.
  // It offers no writes; an action changes state only by emit().
  store::Reader& reader() { return tx_; }
  const rules::RulebookSet& rulebooks() const { return rulebooks_; }
  const std::string& actor() const { return actor_; }
  int64_t now() const { return now_; }

  // The body's rulebook with the body's own overrides applied; kNotFound if the body is unknown.
  // Cached for the batch (a burst of check-ins reads it thousands of times).
  Result<std::shared_ptr<const rules::Rulebook>> rulebook_of(const std::string& body);

  // True for the system actor, an admin, or an account holding one of `roles` in `body`.
  bool has_role(const std::string& body, std::initializer_list<const char*> roles);
  // kForbidden naming the roles needed unless has_role().
  Status require_role(const std::string& body, std::initializer_list<const char*> roles);
  // The member id of the actor's account (0 if none).
  int64_t actor_member_id();

  // Appends an event and applies its projection now, so later reads in this action see it.
  void emit(const std::string& body, const std::string& type, Json payload);
  // Keeps no trace of this request: its outcome is not stored under the request id (which
  // would link the account to what it did). For an anonymous ballot; such an action must be
  // idempotent by itself.
  void forget_request() { forget_request_ = true; }
  void notify(const std::string& body, const std::string& key, NoticeMaker make);

  // The one exception to "an action changes state only by emitting events" (docs/LEDGER.md):
  // what no event may carry, an anonymous ballot and the mark that its member voted, is
  // written by the action itself, to the tables its room marks handler_writes
  // (store/tables.h). Reads only again once the returned guard goes.
  class UnrecordedWrites {
   public:
    explicit UnrecordedWrites(store::Writer& tx) : tx_(tx) {}
    ~UnrecordedWrites() { tx_.enter_room(nullptr); }
    UnrecordedWrites(const UnrecordedWrites&) = delete;
    UnrecordedWrites& operator=(const UnrecordedWrites&) = delete;
    store::TableWriter& tables() { return tx_; }

   private:
    store::Writer& tx_;
  };
  UnrecordedWrites unrecorded_writes(const store::TableSet& room) {
    tx_.enter_room(&room, /*handler_writes_only=*/true);
    return UnrecordedWrites(tx_);
  }
  Json& result() { return result_; }

 private:
  friend class Ledger;
  friend class Registry;
  ActionContext(store::Writer& tx, const rules::RulebookSet& books, const class Registry& reg, std::string actor,
                std::string request_id, int64_t now, std::map<std::string, std::pair<int64_t, std::string>>& heads,
                BatchCache& cache)
      : tx_(tx),
        rulebooks_(books),
        registry_(reg),
        actor_(std::move(actor)),
        request_id_(std::move(request_id)),
        now_(now),
        heads_(heads),
        cache_(cache) {}

  store::Writer& tx_;
  const rules::RulebookSet& rulebooks_;
  const class Registry& registry_;
  std::string actor_;
  std::string request_id_;
  int64_t now_;
  std::map<std::string, std::pair<int64_t, std::string>>& heads_;  // body → (seq, hash)
  BatchCache& cache_;
  std::vector<Event> events_;
  std::vector<std::tuple<std::string, std::string, NoticeMaker>> notices_;  // body, key, maker
  Json result_ = Json::object();
  bool forget_request_ = false;
};

using ActionHandler = std::function<Status(ActionContext&, const Json& args)>;
// Optional work done on the submitting thread before queuing (e.g. hashing a password with
// Argon2id, far too slow for the writer thread). May rewrite args; its error fails the request.
struct Preparation {
  const std::string& actor;
  store::Store& store;      // for reads only: the writer thread owns every write
  store::BlobStore* files;  // the file store (store/blobs.h); nullptr where the ledger has none
  const class Registry& registry;
  // As ActionContext::has_role, on the store as it is now: a preparer that does costly work
  // (reading a file) asks first, so no one else can make it work; the handler asks again.
  bool has_role(const std::string& body, std::initializer_list<const char*> roles) const;
};
using ActionPreparer = std::function<Status(const Preparation&, Json& args)>;
// Where a preparer runs. kArrival: on the thread that took the request (a cheap check, or one
// that must run on every core at once, as a ballot's proof check). kOnePerActor: a tenth of a
// core's second each (Argon2id), which a flood from one account must not turn into a stall: the
// server queues it beside the sign-ins, one per account at a time.
enum class PrepareOn { kArrival, kOnePerActor };
// Applies one event to the projection tables. Must depend only on the event and the state the
// earlier events built: replay runs the same projectors and must reach the same state hash.
using Projector = std::function<void(store::TableWriter&, const Event&)>;

// An event type's payload changed shape in a later build: events of the earlier versions stay as
// they were stored (their hashes hold every byte) and are read through readings, each of which
// turns a payload of one version into one of the next. An event names its version in the
// payload field "event_version"; without it, it is version 1.
inline constexpr const char* kEventVersionField = "event_version";
using EventReading = std::function<Json(Json payload)>;
int stored_event_version(const Json& payload);

// What the log cannot carry across an upgrade (an anonymous poll's open ballot box, an election
// round still being voted): a check reads the store rebuilt from the log and names what must
// be finished first (kConflict), or is ok. plenum upgrade refuses while any check fails.
using UpgradeCheck = std::function<Status(store::Reader&)>;

// What one account may read of a committed event: the payload to show (whole or in part), or
// nullopt to withhold it (its number, type, time and hash still show, so a follower sees the
// record move on). A feature registers one for each event type whose payload not every follower
// of the body may read, with the same rule as its own routes; the events route and the live
// channel apply it alike (DESIGN.md section 7). `viewer` is a username (never empty).
using EventView = std::function<std::optional<Json>(store::Reader&, const std::string& viewer, const Event&)>;

class Registry {
 public:
  // A feature's room: its slice of storage (store/tables.h) and the projectors that write it.
  class Room {
   public:
    // Projects `event_type` into this room's tables: its own feature's events, or another
    // feature's event whose effect lands here (voting.poll_closed ends a motion's vote: motions
    // projects it). An event's projectors run in the order they were added.
    void add_projector(const std::string& event_type, Projector projector);
    // The rest a feature registers, as on the Registry.
    void add_action(const std::string& name, ArgSchema args, ActionHandler handler, ActionPreparer prepare = {},
                    PrepareOn prepare_on = PrepareOn::kArrival) {
      registry_.add_action(name, std::move(args), std::move(handler), std::move(prepare), prepare_on);
    }
    void add_event_view(const std::string& event_type, EventView view) {
      registry_.add_event_view(event_type, std::move(view));
    }
    void add_route(Route route) { registry_.add_route(std::move(route)); }
    void add_upload(Upload upload) { registry_.add_upload(std::move(upload)); }
    // `event_type`'s next version: `from_previous` reads a payload of the version before it
    // (the first call makes version 2). Actions then emit the new version and projectors see
    // only it; an EventView sees the payload as stored, of any version.
    void add_event_version(const std::string& event_type, EventReading from_previous) {
      registry_.versions_[event_type].push_back(std::move(from_previous));
    }
    void add_upgrade_check(UpgradeCheck check) { registry_.upgrade_checks_.push_back(std::move(check)); }

   private:
    friend class Registry;
    Room(Registry& registry, size_t index) : registry_(registry), index_(index) {}
    Registry& registry_;
    size_t index_;
  };
  // Each feature adds its room once, before its projectors; the state hash reads the rooms'
  // tables in this order.
  Room add_room(store::TableSet slice);
  const std::vector<store::TableSet>& slices() const { return slices_; }
  struct Projection {
    size_t room;  // index into slices()
    Projector projector;
  };
  // Applies `event` with each of its type's projectors, each in its own room; false if the type
  // has none.
  bool project(store::Writer& tx, const Event& event) const;

  // An action: its arguments (checked before the preparer and the handler run, so neither sees
  // an argument of the wrong type or out of its limits), its handler and its optional preparer.
  struct Action {
    ArgSchema args;
    ActionHandler handler;
    ActionPreparer prepare;
    PrepareOn prepare_on = PrepareOn::kArrival;
  };
  void add_action(const std::string& name, ArgSchema args, ActionHandler handler, ActionPreparer prepare = {},
                  PrepareOn prepare_on = PrepareOn::kArrival);
  void set_identity(Identity identity) { identity_ = std::move(identity); }
  const Identity& identity() const { return identity_; }
  void add_event_view(const std::string& event_type, EventView view);
  // A GET route under /api/v1 and who may read it (ledger/routes.h). Routes are matched in the
  // order they were added.
  void add_route(Route route);
  const std::vector<Route>& routes() const { return routes_; }
  void add_upload(Upload upload) { uploads_.push_back(std::move(upload)); }
  const std::vector<Upload>& uploads() const { return uploads_; }
  const EventView* event_view(const std::string& event_type) const;  // nullptr: all may read it
  const Action* action(const std::string& name) const;               // nullptr if unknown
  bool has_projector(const std::string& event_type) const { return projectors_.count(event_type) != 0; }
  std::vector<std::string> action_names() const;
  // The version this build writes of `event_type` (1 unless a room added versions).
  int event_version(const std::string& event_type) const;
  // `payload` (of an event of `event_type`) read as this build's version; a version newer than
  // this build's is a StoreFailure (a database written by a later build).
  Json current_payload(const std::string& event_type, Json payload) const;
  const std::vector<UpgradeCheck>& upgrade_checks() const { return upgrade_checks_; }

 private:
  std::map<std::string, Action> actions_;
  std::vector<store::TableSet> slices_;
  Identity identity_;
  std::map<std::string, std::vector<Projection>> projectors_;
  std::map<std::string, EventView> views_;
  std::vector<Route> routes_;
  std::vector<Upload> uploads_;
  std::map<std::string, std::vector<EventReading>> versions_;  // [0] reads version 1 as 2, …
  std::vector<UpgradeCheck> upgrade_checks_;
};

// GET /api/v1/bodies/{body}/events (event_routes.cpp): registered by the composition root.
void register_event_routes(Registry& registry);

// The payload `viewer` may read of `event`: its type's view, or the whole payload if it has
// none; a password hash never.
std::optional<Json> visible_payload(const Registry& registry, store::Reader& reader, const std::string& viewer,
                                    const Event& event);

class Ledger {
 public:
  using Done = std::function<void(Result<Ack>)>;
  using Publisher = std::function<void(const std::vector<Event>&, const std::vector<Notice>&)>;

  struct Options {
    size_t max_batch = 4096;  // requests per group commit
    // The time each batch is stamped with (now_micros() when empty). Tests set it to walk
    // through deadlines months apart; production never does.
    std::function<int64_t()> clock;
    // The file store an action's preparation checks the files it names against (an event
    // must never name a file the store lacks: a backup copies every one). Not owned.
    store::BlobStore* files = nullptr;
  };

  Ledger(store::Store& store, const Registry& registry, const rules::RulebookSet& rulebooks, Options options);
  Ledger(store::Store& store, const Registry& registry, const rules::RulebookSet& rulebooks)
      : Ledger(store, registry, rulebooks, Options{}) {}
  ~Ledger();  // drains the queue, then stops the writer thread

  // Queues a request; `done` runs on the writer thread once its batch has committed (or failed).
  void submit(ActionRequest request, Done done);
  // Blocks until the request is committed (for the CLI, tests and the demo loader).
  Result<Ack> submit_and_wait(ActionRequest request);

  // Blocks until every request submitted so far has been answered.
  void wait_idle();

  // Called after each commit with the batch's events and notices (nullptr: none).
  // `follows(body)` tells whether anyone listens to a body; notices for a body nobody follows
  // are not computed (an attendance summary counts the roster).
  void set_publisher(Publisher publisher, std::function<bool(const std::string&)> follows = {});

  // Told of each committed batch on the writer thread, before any of its requests is answered:
  // how many requests it held and how long its commit (fsync included) took (nullptr: none).
  using BatchObserver = std::function<void(size_t requests, double commit_seconds)>;
  void set_batch_observer(BatchObserver observer);
  // Requests submitted and not yet taken into a batch.
  size_t queued();

 private:
  struct Pending {
    ActionRequest request;
    Done done;
  };
  void run();
  void process(std::vector<Pending>& batch);

  store::Store& store_;
  const Registry& registry_;
  const rules::RulebookSet& rulebooks_;
  Options options_;
  std::mutex publisher_mu_;
  Publisher publisher_;
  std::function<bool(const std::string&)> follows_;
  BatchObserver batch_observer_;  // under publisher_mu_
  std::mutex mu_;
  std::condition_variable cv_;
  std::condition_variable idle_cv_;
  std::deque<Pending> queue_;
  bool busy_ = false;  // a batch is being processed
  bool stopping_ = false;
  std::thread thread_;
};

// Appends every event of `log` to `fresh` (an empty store) and applies its projections, in
// order, re-verifying each event's hash as it goes. Commits every 20000 events.
struct RebuildReport {
  int64_t events = 0;
  bool ok = false;
  std::string problem;
};
RebuildReport rebuild(store::EventLog& log, store::Store& fresh, const Registry& registry);

// Rebuilds every projection from `source`'s log into `fresh` (an empty store), then compares
// state hashes.
struct ReplayReport {
  int64_t events = 0;
  std::string source_hash;
  std::string replayed_hash;
  bool ok = false;
  std::string problem;
};
ReplayReport replay(store::Store& source, store::Store& fresh, const Registry& registry);

// The body's rulebook with the body's own overrides applied (kNotFound if the body is unknown).
Result<rules::Rulebook> body_rulebook(store::Reader& reader, const rules::RulebookSet& books, const std::string& body);

}  // namespace plenum::ledger
