// QuickFIX C++ side of `--roundtrip`: a QuickFIX initiator and a QuickFIX acceptor in one
// process over loopback, one order in flight, the same messages as ours (NewOrderSingle with
// 11/55/54/60/38/40/44; a filled ExecutionReport echoing them), memory store, FIX44.xml
// validation on. The next order is sent from the initiator's fromApp, as ours is.
//   roundtrip PORT DICTIONARY COUNT WARMUP_TRIPS WARMUP_SECONDS OUTFILE poll|threaded
// Timing starts after at least WARMUP_TRIPS round trips and WARMUP_SECONDS (the rule every row of
// the command follows). Writes COUNT round-trip times (microseconds, one per line) to OUTFILE and prints
// "DONE <seconds for the COUNT measured trips>", or "ERROR <text>" and exits 1.
#include <quickfix/Application.h>
#include <quickfix/MessageStore.h>
#include <quickfix/Session.h>
#include <quickfix/SessionSettings.h>
#include <quickfix/SocketAcceptor.h>
#include <quickfix/SocketInitiator.h>
#include <quickfix/ThreadedSocketAcceptor.h>
#include <quickfix/ThreadedSocketInitiator.h>
#include <quickfix/fix44/ExecutionReport.h>
#include <quickfix/fix44/NewOrderSingle.h>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

class Quiet : public FIX::Application {
 public:
  void onCreate(const FIX::SessionID&) override {}
  void onLogon(const FIX::SessionID&) override {}
  void onLogout(const FIX::SessionID&) override {}
  void toAdmin(FIX::Message&, const FIX::SessionID&) override {}
  void toApp(FIX::Message&, const FIX::SessionID&) throw(FIX::DoNotSend) override {}
  void fromAdmin(const FIX::Message&, const FIX::SessionID&)
      throw(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::RejectLogon) override {}
};

// Answers every NewOrderSingle with one filled ExecutionReport.
class Filler : public Quiet {
 public:
  void fromApp(const FIX::Message& message, const FIX::SessionID& session)
      throw(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::UnsupportedMessageType) override {
    FIX::MsgType type;
    message.getHeader().getField(type);
    if (type != FIX::MsgType_NewOrderSingle) throw FIX::UnsupportedMessageType();
    FIX::ClOrdID clOrdId;
    FIX::Symbol symbol;
    FIX::Side side;
    FIX::OrderQty qty;
    FIX::OrdType ordType;
    FIX::Price price;
    message.getField(clOrdId);
    message.getField(symbol);
    message.getField(side);
    message.getField(qty);
    message.getField(ordType);
    message.getField(price);
    ++execs_;
    FIX44::ExecutionReport er(FIX::OrderID(std::to_string(execs_)), FIX::ExecID(std::to_string(execs_)),
                              FIX::ExecType(FIX::ExecType_TRADE), FIX::OrdStatus(FIX::OrdStatus_FILLED), side,
                              FIX::LeavesQty(0), FIX::CumQty(qty), FIX::AvgPx(price));
    er.set(clOrdId);
    er.set(symbol);
    er.set(qty);
    er.set(ordType);
    er.set(price);
    er.set(FIX::LastQty(qty));
    er.set(FIX::LastPx(price));
    FIX::Session::sendToTarget(er, session);
  }

 private:
  long execs_ = 0;
};

// Sends an order, times the ExecutionReport's arrival, sends the next one from the callback.
class Trader : public Quiet {
 public:
  Trader(int count, int warmUpTrips, double warmUpSeconds)
      : micros_(count), count_(count), warmUpTrips_(warmUpTrips), warmUpSeconds_(warmUpSeconds) {}

  void onLogon(const FIX::SessionID&) override { update([this] { loggedOn_ = true; }); }

  void fromApp(const FIX::Message& message, const FIX::SessionID& session)
      throw(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::UnsupportedMessageType) override {
    FIX::MsgType type;
    message.getHeader().getField(type);
    if (type != FIX::MsgType_ExecutionReport) throw FIX::UnsupportedMessageType();
    const auto now = Clock::now();
    if (measured_ >= 0) {
      micros_[measured_++] = std::chrono::duration<double, std::micro>(now - sent_).count();
      if (measured_ == count_) {
        update([&] { finished_ = now; done_ = true; });
        return;
      }
    } else if (orders_ >= warmUpTrips_ && now >= warmUpEnd_) {
      measured_ = 0;
    }
    send(session);
  }

  void start(const FIX::SessionID& session) {
    warmUpEnd_ = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(warmUpSeconds_));
    send(session);
  }

  template <typename Pred>
  bool waitFor(Pred pred, int seconds) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(seconds), pred);
  }

  bool loggedOn_ = false, done_ = false;
  std::vector<double> micros_;
  Clock::time_point started_, finished_;

 private:
  void send(const FIX::SessionID& session) {
    sent_ = Clock::now();
    if (measured_ == 0) started_ = sent_;
    FIX44::NewOrderSingle order(FIX::ClOrdID("ORD" + std::to_string(orders_++)), FIX::Side(FIX::Side_BUY),
                                FIX::TransactTime(3), FIX::OrdType(FIX::OrdType_LIMIT));
    order.set(FIX::Symbol("AAPL"));
    order.set(FIX::OrderQty(100));
    order.set(FIX::Price(101.25));
    FIX::Session::sendToTarget(order, session);
  }

  template <typename F>
  void update(F f) {
    { std::lock_guard<std::mutex> lock(mutex_); f(); }
    changed_.notify_all();
  }

  int count_, warmUpTrips_;
  double warmUpSeconds_;
  int orders_ = 0, measured_ = -1;  // measured_: round trips timed so far; -1 while warming up
  Clock::time_point sent_, warmUpEnd_;
  std::mutex mutex_;
  std::condition_variable changed_;
};

std::string settingsText(const std::string& port, const std::string& dictionary) {
  std::ostringstream s;
  s << "[DEFAULT]\nBeginString=FIX.4.4\nHeartBtInt=30\nStartTime=00:00:00\nEndTime=00:00:00\n"
    << "UseDataDictionary=Y\nDataDictionary=" << dictionary << "\nTimestampPrecision=3\n"
    << "ResetOnLogon=Y\nSocketNodelay=Y\nReconnectInterval=1\n"
    // The acceptor reads SocketAcceptPort for every session, initiators' too: it goes in DEFAULT.
    << "SocketAcceptPort=" << port << "\nSocketConnectHost=127.0.0.1\nSocketConnectPort=" << port << "\n"
    << "[SESSION]\nConnectionType=acceptor\nSenderCompID=EXEC\nTargetCompID=BANK\n"
    << "[SESSION]\nConnectionType=initiator\nSenderCompID=BANK\nTargetCompID=EXEC\n";
  return s.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 8) {
    std::cerr << "usage: roundtrip PORT DICTIONARY COUNT WARMUP_TRIPS WARMUP_SECONDS OUTFILE poll|threaded" << std::endl;
    return 2;
  }
  try {
    const int count = std::atoi(argv[3]);
    const bool threaded = std::string(argv[7]) == "threaded";
    std::istringstream text(settingsText(argv[1], argv[2]));
    FIX::SessionSettings settings(text);
    const FIX::SessionID trader("FIX.4.4", "BANK", "EXEC");
    Filler filler;
    Trader app(count, std::atoi(argv[4]), std::atof(argv[5]));
    FIX::MemoryStoreFactory acceptorStore, initiatorStore;
    std::unique_ptr<FIX::Acceptor> acceptor;
    std::unique_ptr<FIX::Initiator> initiator;
    if (threaded) {
      acceptor.reset(new FIX::ThreadedSocketAcceptor(filler, acceptorStore, settings));
      initiator.reset(new FIX::ThreadedSocketInitiator(app, initiatorStore, settings));
    } else {
      acceptor.reset(new FIX::SocketAcceptor(filler, acceptorStore, settings));
      initiator.reset(new FIX::SocketInitiator(app, initiatorStore, settings));
    }
    acceptor->start();
    initiator->start();
    std::string error;
    if (!app.waitFor([&] { return app.loggedOn_; }, 10)) {
      error = "no logon within 10 s";
    } else {
      app.start(trader);
      if (!app.waitFor([&] { return app.done_; }, 900)) error = "the round trips did not finish";
    }
    initiator->stop();
    acceptor->stop();
    if (!error.empty()) {
      std::cout << "ERROR " << error << std::endl;
      return 1;
    }
    std::ofstream out(argv[6]);
    for (double m : app.micros_) out << m << '\n';
    std::cout << "DONE " << std::chrono::duration<double>(app.finished_ - app.started_).count() << std::endl;
    return 0;
  } catch (const std::exception& e) {
    std::cout << "ERROR " << e.what() << std::endl;
    return 1;
  }
}
