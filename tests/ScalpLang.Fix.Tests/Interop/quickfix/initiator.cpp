// A QuickFIX C++ initiator for the interop tests.
//   initiator CONFIG TIMEOUT_SECONDS ORDER...   ORDER = ClOrdID:Symbol:Side:OrderQty:OrdType[:Price]
// Logs on with the single session in CONFIG, sends one NewOrderSingle per ORDER, waits until
// every order is filled (OrdStatus 2), logs out and exits 0. Prints every message (common.h).
// Exits 1 with "ERROR ..." on a timeout, a reject or anything unexpected.
#include "common.h"
#include <quickfix/FileLog.h>
#include <quickfix/FileStore.h>
#include <quickfix/Session.h>
#include <quickfix/SessionSettings.h>
#include <quickfix/SocketInitiator.h>
#include <quickfix/fix44/NewOrderSingle.h>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <sstream>
#include <vector>

namespace {

class Client : public interop::LoggingApplication {
 public:
  void onLogon(const FIX::SessionID& id) override {
    LoggingApplication::onLogon(id);
    update([this] { loggedOn_ = true; });
  }
  void onLogout(const FIX::SessionID& id) override {
    LoggingApplication::onLogout(id);
    update([this] { loggedOut_ = loggedOn_; });
  }
  void fromAdmin(const FIX::Message& m, const FIX::SessionID& id)
      throw(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::RejectLogon) override {
    LoggingApplication::fromAdmin(m, id);
    FIX::MsgType type;
    m.getHeader().getField(type);
    if (type == FIX::MsgType_Reject) update([this] { failed_ = true; });
  }
  void fromApp(const FIX::Message& m, const FIX::SessionID&)
      throw(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::UnsupportedMessageType) override {
    interop::sayMessage("IN", m);
    FIX::MsgType type;
    m.getHeader().getField(type);
    FIX::OrdStatus status;
    const bool filled = type == FIX::MsgType_ExecutionReport && m.getFieldIfSet(status) && status == FIX::OrdStatus_FILLED;
    update([&] { if (filled) ++fills_; else if (type != FIX::MsgType_ExecutionReport) failed_ = true; });
  }

  // Waits until pred() holds (under the lock); false on timeout or a failure seen.
  template <typename Pred>
  bool waitFor(Pred pred, std::chrono::steady_clock::time_point deadline) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_until(lock, deadline, [&] { return failed_ || pred(); }) && !failed_;
  }

  bool loggedOn_ = false, loggedOut_ = false, failed_ = false;
  int fills_ = 0;

 private:
  template <typename F>
  void update(F f) {
    { std::lock_guard<std::mutex> lock(mutex_); f(); }
    changed_.notify_all();
  }
  std::mutex mutex_;
  std::condition_variable changed_;
};

FIX44::NewOrderSingle parseOrder(const std::string& spec) {
  std::vector<std::string> parts;
  std::stringstream in(spec);
  for (std::string part; std::getline(in, part, ':');) parts.push_back(part);
  if (parts.size() < 5 || parts.size() > 6 || parts[2].size() != 1 || parts[4].size() != 1)
    throw std::runtime_error("bad order '" + spec + "'");
  FIX44::NewOrderSingle order{FIX::ClOrdID(parts[0]), FIX::Side(parts[2][0]), FIX::TransactTime(),
                              FIX::OrdType(parts[4][0])};
  order.set(FIX::Symbol(parts[1]));
  order.set(FIX::OrderQty(std::atof(parts[3].c_str())));
  if (parts.size() == 6) order.set(FIX::Price(std::atof(parts[5].c_str())));
  return order;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: initiator CONFIG TIMEOUT_SECONDS ORDER..." << std::endl;
    return 2;
  }
  try {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(std::atoi(argv[2]));
    std::vector<FIX44::NewOrderSingle> orders;
    for (int i = 3; i < argc; ++i) orders.push_back(parseOrder(argv[i]));
    FIX::SessionSettings settings(argv[1]);
    const FIX::SessionID session = *settings.getSessions().begin();
    Client app;
    FIX::FileStoreFactory store(settings);
    FIX::FileLogFactory log(settings);
    FIX::SocketInitiator initiator(app, store, settings, log);
    initiator.start();
    std::string error;
    if (!app.waitFor([&] { return app.loggedOn_; }, deadline)) {
      error = "no logon";
    } else {
      for (auto& order : orders) FIX::Session::sendToTarget(order, session);
      const size_t expected = orders.size();
      if (!app.waitFor([&] { return static_cast<size_t>(app.fills_) >= expected; }, deadline))
        error = "not every order was filled";
      FIX::Session::lookupSession(session)->logout("done");
      if (!app.waitFor([&] { return app.loggedOut_; }, deadline) && error.empty()) error = "no logout";
    }
    initiator.stop();
    if (!error.empty()) {
      interop::say("ERROR " + error);
      return 1;
    }
    interop::say("DONE");
    return 0;
  } catch (const std::exception& e) {
    interop::say(std::string("ERROR ") + e.what());
    return 1;
  }
}
