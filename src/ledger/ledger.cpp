#include "ledger/ledger.h"

#include <chrono>
#include <future>

#include "assembly/tables.h"
#include "base/text.h"
#include "ledger/chain.h"

namespace plenum::ledger {

Json Event::to_json() const {
  return Json{{"body", body},       {"seq", seq},         {"type", type}, {"actor", actor},
              {"at", iso_time(at)}, {"payload", payload}, {"hash", hash}};
}

Json Ack::to_json() const {
  Json evs = Json::array();
  for (const auto& e : events)
    evs.push_back(Json{{"body", e.body}, {"seq", e.seq}, {"type", e.type}, {"hash", e.hash}});
  return Json{{"result", result}, {"events", evs}, {"replayed", replayed}};
}

// ---------------------------------------------------------------- ActionContext

Result<rules::Rulebook> body_rulebook(store::Reader& reader, const rules::RulebookSet& books, const std::string& body) {
  auto rec = assembly::tables::body(reader, body);
  if (!rec) return make_error(ErrorCode::kNotFound, "未知的机构 " + body, "unknown body " + body, "body");
  const rules::Rulebook* book = books.find(rec->rulebook);
  if (!book)
    return make_error(ErrorCode::kInternal, "机构 " + body + " 的议事规则 " + rec->rulebook + " 未加载",
                      "rulebook " + rec->rulebook + " of body " + body + " is not loaded");
  if (rec->quorum_override.empty()) return *book;
  // Stored as "<comparison> <num>/<den>", validated when the body was created.
  auto space = rec->quorum_override.find(' ');
  PLENUM_ASSIGN_OR_RETURN(auto fraction, rules::parse_fraction(rec->quorum_override.substr(space + 1)));
  auto cmp =
      rec->quorum_override.substr(0, space) == "at_least" ? rules::Comparison::kAtLeast : rules::Comparison::kMoreThan;
  return rules::with_quorum(*book, cmp, fraction);
}

Result<std::shared_ptr<const rules::Rulebook>> ActionContext::rulebook_of(const std::string& body) {
  auto it = cache_.rulebooks.find(body);
  if (it != cache_.rulebooks.end()) return it->second;
  PLENUM_ASSIGN_OR_RETURN(auto book, body_rulebook(tx_, rulebooks_, body));
  auto shared = std::make_shared<const rules::Rulebook>(std::move(book));
  cache_.rulebooks.emplace(body, shared);
  return shared;
}

bool ActionContext::has_role(const std::string& body, std::initializer_list<const char*> roles) {
  if (actor_ == kSystemActor) return true;
  auto it = cache_.roles.find(actor_);
  if (it == cache_.roles.end()) {
    std::vector<Grant> grants;
    if (registry_.identity().grants) grants = registry_.identity().grants(tx_, actor_);
    it = cache_.roles.emplace(actor_, std::move(grants)).first;
  }
  return grants_role(it->second, body, roles);
}

bool grants_role(const std::vector<Grant>& grants, const std::string& body, std::initializer_list<const char*> roles) {
  for (const auto& r : grants) {
    if (r.role == "admin") return true;
    if (r.body != body && r.body != "*") continue;
    for (const char* want : roles)
      if (r.role == want) return true;
  }
  return false;
}

bool Preparation::has_role(const std::string& body, std::initializer_list<const char*> roles) const {
  if (actor == kSystemActor) return true;
  if (!registry.identity().grants) return false;
  auto reader = store.read();
  return grants_role(registry.identity().grants(*reader, actor), body, roles);
}

Status ActionContext::require_role(const std::string& body, std::initializer_list<const char*> roles) {
  if (has_role(body, roles)) return Status::ok();
  std::string names;
  for (const char* r : roles) names += std::string(names.empty() ? "" : "/") + r;
  return make_error(ErrorCode::kForbidden, "此操作需要 " + body + " 的角色：" + names,
                    "this action needs one of the roles " + names + " in " + body, "actor");
}

int64_t ActionContext::actor_member_id() {
  return registry_.identity().member_id ? registry_.identity().member_id(tx_, actor_) : 0;
}

void ActionContext::emit(const std::string& body, const std::string& type, Json payload) {
  auto it = heads_.find(body);
  if (it == heads_.end()) {
    auto last = tx_.last_event(body);
    it = heads_.emplace(body, last ? std::make_pair(last->seq, last->hash) : std::make_pair(int64_t{0}, kGenesisHash))
             .first;
  }
  store::EventRecord rec;
  rec.body = body;
  rec.seq = it->second.first + 1;
  rec.type = type;
  rec.actor = actor_;
  rec.at = now_;
  rec.request_id = request_id_;
  if (int version = registry_.event_version(type); version > 1) payload[kEventVersionField] = version;
  rec.payload = canonical(payload);
  rec.prev_hash = it->second.second;
  rec.hash = event_hash(rec);
  tx_.append_event(rec);
  it->second = {rec.seq, rec.hash};
  // Events that change roles or bodies make the batch's lookups stale.
  if (type.rfind("accounts.", 0) == 0 || type.rfind("assembly.body", 0) == 0) cache_.clear();

  Event ev{body, rec.seq, type, actor_, now_, std::move(payload), rec.hash};
  if (!registry_.project(tx_, ev)) throw store::StoreFailure("no projector for event type " + type);
  events_.push_back(std::move(ev));
}

void ActionContext::notify(const std::string& body, const std::string& key, NoticeMaker make) {
  notices_.emplace_back(body, key, std::move(make));
}

// ---------------------------------------------------------------- Registry

void Registry::add_action(const std::string& name, ArgSchema args, ActionHandler handler, ActionPreparer prepare,
                          PrepareOn prepare_on) {
  actions_[name] = Action{std::move(args), std::move(handler), std::move(prepare), prepare_on};
}
Registry::Room Registry::add_room(store::TableSet slice) {
  for (const auto& other : slices_)
    if (other.feature == slice.feature) throw std::logic_error("room added twice: " + slice.feature);
  slices_.push_back(std::move(slice));
  return Room(*this, slices_.size() - 1);
}
void Registry::Room::add_projector(const std::string& type, Projector projector) {
  registry_.projectors_[type].push_back({index_, std::move(projector)});
}
int stored_event_version(const Json& payload) {
  if (!payload.is_object()) return 1;
  auto it = payload.find(kEventVersionField);
  return it != payload.end() && it->is_number_integer() ? it->get<int>() : 1;
}
int Registry::event_version(const std::string& type) const {
  auto it = versions_.find(type);
  return it == versions_.end() ? 1 : static_cast<int>(it->second.size()) + 1;
}
Json Registry::current_payload(const std::string& type, Json payload) const {
  int stored = stored_event_version(payload), current = event_version(type);
  if (stored < 1 || stored > current)
    throw store::StoreFailure(type + " event of version " + std::to_string(stored) +
                              ": this build reads up to version " + std::to_string(current) +
                              " (a database written by a later build?)");
  if (stored == current) return payload;
  const auto& readings = versions_.at(type);
  for (int v = stored; v < current; ++v) payload = readings[v - 1](std::move(payload));
  payload[kEventVersionField] = current;
  return payload;
}
bool Registry::project(store::Writer& tx, const Event& stored) const {
  auto it = projectors_.find(stored.type);
  if (it == projectors_.end()) return false;
  // An event of an earlier version is projected as this build reads it (the stored bytes stay).
  std::optional<Event> read;
  if (stored_event_version(stored.payload) != event_version(stored.type)) {
    read = stored;
    read->payload = current_payload(stored.type, std::move(read->payload));
  }
  const Event& event = read ? *read : stored;
  // Back to reads only afterwards, also when a projector throws: the handler that emitted the
  // event goes on with a read view.
  struct Leave {
    store::Writer& tx;
    ~Leave() { tx.enter_room(nullptr); }
  } leave{tx};
  for (const auto& p : it->second) {
    tx.enter_room(&slices_[p.room]);
    p.projector(tx, event);
  }
  return true;
}
void Registry::add_event_view(const std::string& type, EventView view) { views_[type] = std::move(view); }
void Registry::add_route(Route route) { routes_.push_back(std::move(route)); }
const EventView* Registry::event_view(const std::string& type) const {
  auto it = views_.find(type);
  return it == views_.end() ? nullptr : &it->second;
}

std::optional<Json> visible_payload(const Registry& registry, store::Reader& reader, const std::string& viewer,
                                    const Event& event) {
  std::optional<Json> shown;
  if (const EventView* view = registry.event_view(event.type))
    shown = (*view)(reader, viewer, event);
  else
    shown = event.payload;
  if (shown && shown->is_object()) shown->erase("password_hash");  // never leaves the server
  return shown;
}

const Registry::Action* Registry::action(const std::string& name) const {
  auto it = actions_.find(name);
  return it == actions_.end() ? nullptr : &it->second;
}
std::vector<std::string> Registry::action_names() const {
  std::vector<std::string> out;
  for (const auto& [name, h] : actions_) out.push_back(name);
  return out;
}

// ---------------------------------------------------------------- Ledger

Ledger::Ledger(store::Store& store, const Registry& registry, const rules::RulebookSet& rulebooks, Options options)
    : store_(store), registry_(registry), rulebooks_(rulebooks), options_(options) {
  thread_ = std::thread([this] { run(); });
}

Ledger::~Ledger() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Ledger::set_publisher(Publisher publisher, std::function<bool(const std::string&)> follows) {
  std::lock_guard<std::mutex> lock(publisher_mu_);
  publisher_ = std::move(publisher);
  follows_ = std::move(follows);
}

void Ledger::submit(ActionRequest request, Done done) {
  try {
    // A password (new or current) never enters the requests table, not even as an unsalted
    // hash: a retry is recognised by everything else in its arguments.
    if (request.args.is_object() && (request.args.contains("password") || request.args.contains("current_password"))) {
      Json without = request.args;
      without.erase("password");
      without.erase("current_password");
      request.args_hash = sha256_hex(canonical(without));
    } else {
      request.args_hash = sha256_hex(canonical(request.args));
    }
  } catch (const Json::exception&) {
    done(make_error(ErrorCode::kMalformed, "args 含有无效的UTF-8", "args contain invalid UTF-8", "args"));
    return;
  }
  if (const Registry::Action* action = registry_.action(request.action)) {
    Status s = action->args.validate(request.args);
    if (s && action->prepare)
      s = action->prepare(Preparation{request.actor, store_, options_.files, registry_}, request.args);
    if (!s) {
      done(s.error());
      return;
    }
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(Pending{std::move(request), std::move(done)});
  }
  cv_.notify_one();
}

Result<Ack> Ledger::submit_and_wait(ActionRequest request) {
  std::promise<Result<Ack>> promise;
  auto future = promise.get_future();
  submit(std::move(request), [&promise](Result<Ack> r) { promise.set_value(std::move(r)); });
  return future.get();
}

void Ledger::run() {
  std::vector<Pending> batch;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) return;
      // Everything that queued while the last batch was syncing commits together.
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      busy_ = true;
    }
    process(batch);
    batch.clear();
    {
      std::lock_guard<std::mutex> lock(mu_);
      busy_ = false;
    }
    idle_cv_.notify_all();
  }
}

void Ledger::set_batch_observer(BatchObserver observer) {
  std::lock_guard<std::mutex> lock(publisher_mu_);
  batch_observer_ = std::move(observer);
}

size_t Ledger::queued() {
  std::lock_guard<std::mutex> lock(mu_);
  return queue_.size();
}

void Ledger::wait_idle() {
  std::unique_lock<std::mutex> lock(mu_);
  idle_cv_.wait(lock, [&] { return queue_.empty() && !busy_; });
}

namespace {

Error internal(const std::string& what) {
  return make_error(ErrorCode::kInternal, "服务器内部错误：" + what, "internal error: " + what);
}

Status check_request_shape(const ActionRequest& r) {
  if (!r.args.is_object()) return make_error(ErrorCode::kMalformed, "args 应为对象", "args must be an object", "args");
  if (r.request_id.size() > 128 || !is_valid_utf8(r.request_id))
    return make_error(ErrorCode::kMalformed, "request_id 过长或不是合法的UTF-8",
                      "request_id is longer than 128 bytes or not valid UTF-8", "request_id");
  return Status::ok();
}

// Request ids are the requester's own: one account cannot take (or probe) an id that another,
// such as the check-in desk, is about to use. Length-prefixed so no two pairs share a key.
std::string request_key(const ActionRequest& r) {
  return std::to_string(r.actor.size()) + ":" + r.actor + ":" + r.request_id;
}

}  // namespace

void Ledger::process(std::vector<Pending>& batch) {
  std::vector<std::optional<Result<Ack>>> outcomes(batch.size());
  std::vector<Event> published;
  std::vector<Notice> notices;
  std::chrono::duration<double> commit_took{};
  try {
    auto tx = store_.begin_write();
    std::map<std::string, std::pair<int64_t, std::string>> heads;
    std::map<std::string, std::pair<std::string, NoticeMaker>> pending_notices;
    BatchCache cache;
    int64_t now = options_.clock ? options_.clock() : now_micros();
    for (size_t i = 0; i < batch.size(); ++i) {
      const ActionRequest& req = batch[i].request;
      if (auto s = check_request_shape(req); !s) {
        outcomes[i] = s.error();
        continue;
      }
      const Registry::Action* action = registry_.action(req.action);
      if (!action) {
        outcomes[i] =
            make_error(ErrorCode::kNotFound, "未知的操作 " + req.action, "unknown action " + req.action, "action");
        continue;
      }
      const std::string& args_hash = req.args_hash;
      if (!req.request_id.empty()) {
        if (auto prior = tx->request_outcome(request_key(req))) {
          if (prior->actor != req.actor || prior->action != req.action || prior->args_hash != args_hash) {
            outcomes[i] = make_error(ErrorCode::kConflict, "request_id 已用于另一个请求",
                                     "request_id was already used for a different request", "request_id");
          } else {
            Ack ack;
            ack.result = Json::parse(prior->response);
            ack.replayed = true;
            outcomes[i] = std::move(ack);
          }
          continue;
        }
      }
      auto saved_heads = heads;
      tx->savepoint();
      ActionContext ctx(*tx, rulebooks_, registry_, req.actor, req.request_id, now, heads, cache);
      Status status;
      try {
        status = action->handler(ctx, req.args);
        if (status && ctx.events_.empty() && ctx.notices_.empty() && ctx.result_.empty())
          status = internal("action " + req.action + " produced nothing");
        if (status && !req.request_id.empty() && !ctx.forget_request_)
          tx->put_request_outcome(request_key(req), {req.actor, req.action, args_hash, canonical(ctx.result_)});
      } catch (const store::StorageFull&) {
        throw;                             // the disk, not this action: the whole batch is refused below
      } catch (const std::exception& e) {  // store failures and bugs: this action only
        status = internal(e.what());
      }
      if (!status) {
        tx->rollback_to();
        heads = std::move(saved_heads);
        cache.clear();
        outcomes[i] = status.error();
        continue;
      }
      tx->release();
      Ack ack;
      ack.result = std::move(ctx.result_);
      ack.events = ctx.events_;
      for (auto& e : ctx.events_) published.push_back(std::move(e));
      outcomes[i] = std::move(ack);
      for (auto& [body, key, make] : ctx.notices_) pending_notices[key] = {body, std::move(make)};
    }
    {
      std::lock_guard<std::mutex> lock(publisher_mu_);
      for (auto& [key, body_make] : pending_notices)
        if (publisher_ && (!follows_ || follows_(body_make.first)))
          notices.push_back(Notice{body_make.first, key, body_make.second(*tx)});
    }
    auto commit_started = std::chrono::steady_clock::now();
    tx->commit();
    commit_took = std::chrono::steady_clock::now() - commit_started;
  } catch (const store::StorageFull&) {
    // The batch did not commit: nothing in it is acknowledged, and each may be retried (a
    // request id is not spent) once space is freed.
    for (auto& p : batch) p.done(storage_full());
    return;
  } catch (const std::exception& e) {
    // The batch did not commit: nothing in it is acknowledged.
    for (auto& p : batch) p.done(internal(std::string("commit failed: ") + e.what()));
    return;
  }

  {
    std::lock_guard<std::mutex> lock(publisher_mu_);
    if (batch_observer_) batch_observer_(batch.size(), commit_took.count());
  }
  for (size_t i = 0; i < batch.size(); ++i) batch[i].done(std::move(*outcomes[i]));
  std::lock_guard<std::mutex> lock(publisher_mu_);
  if (publisher_ && (!published.empty() || !notices.empty())) publisher_(published, notices);
}

// ---------------------------------------------------------------- replay

RebuildReport rebuild(store::EventLog& log, store::Store& fresh, const Registry& registry) {
  RebuildReport report;
  {
    auto check = fresh.read();
    if (check->last_event("") || !check->event_bodies().empty()) {
      report.problem = "the target store is not empty";
      return report;
    }
  }
  std::unique_ptr<store::Writer> tx = fresh.begin_write();
  int64_t in_tx = 0;
  try {
    log.for_each_event([&](const store::EventRecord& rec) {
      if (event_hash(rec) != rec.hash) {
        report.problem = "event " + rec.body + "#" + std::to_string(rec.seq) + " does not match its hash";
        return false;
      }
      if (!registry.has_projector(rec.type)) {
        report.problem = "no projector for event type " + rec.type;
        return false;
      }
      tx->append_event(rec);
      Event ev{rec.body, rec.seq, rec.type, rec.actor, rec.at, Json::parse(rec.payload), rec.hash};
      registry.project(*tx, ev);
      ++report.events;
      if (++in_tx == 20000) {
        tx->commit();
        tx.reset();
        tx = fresh.begin_write();
        in_tx = 0;
      }
      return true;
    });
    if (!report.problem.empty()) return report;
    tx->commit();
    tx.reset();
  } catch (const std::exception& e) {
    report.problem = std::string("replay failed: ") + e.what();
    return report;
  }
  report.ok = true;
  return report;
}

ReplayReport replay(store::Store& source, store::Store& fresh, const Registry& registry) {
  ReplayReport report;
  auto reader = source.read();
  report.source_hash = reader->state_hash();
  auto rebuilt = rebuild(*reader, fresh, registry);
  report.events = rebuilt.events;
  if (!rebuilt.ok) {
    report.problem = rebuilt.problem;
    return report;
  }
  report.replayed_hash = fresh.read()->state_hash();
  report.ok = report.replayed_hash == report.source_hash;
  if (!report.ok) report.problem = "state hashes differ";
  return report;
}

}  // namespace plenum::ledger
