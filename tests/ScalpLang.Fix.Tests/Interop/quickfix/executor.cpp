// A QuickFIX C++ executor acceptor for the interop tests.
//   executor CONFIG MARKET_PRICE
// Accepts the FIX.4.4 sessions in CONFIG and answers every NewOrderSingle with two
// ExecutionReports: New, then one full fill at the order's Price (limit) or at MARKET_PRICE
// (market). Logs every message to stdout (common.h); stops cleanly when stdin closes.
#include "common.h"
#include <quickfix/FileLog.h>
#include <quickfix/FileStore.h>
#include <quickfix/Session.h>
#include <quickfix/SessionSettings.h>
#include <quickfix/SocketAcceptor.h>
#include <quickfix/fix44/ExecutionReport.h>
#include <quickfix/fix44/NewOrderSingle.h>
#include <cstdlib>

namespace {

class Executor : public interop::LoggingApplication {
 public:
  explicit Executor(double marketPrice) : marketPrice_(marketPrice) {}

  void fromApp(const FIX::Message& message, const FIX::SessionID& session)
      throw(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::UnsupportedMessageType) override {
    interop::sayMessage("IN", message);
    FIX::MsgType type;
    message.getHeader().getField(type);
    if (type != FIX::MsgType_NewOrderSingle) throw FIX::UnsupportedMessageType();
    fill(FIX44::NewOrderSingle(message), session);
  }

 private:
  void fill(const FIX44::NewOrderSingle& order, const FIX::SessionID& session) {
    FIX::ClOrdID clOrdId;
    FIX::Symbol symbol;
    FIX::Side side;
    FIX::OrderQty qty;
    FIX::OrdType ordType;
    order.get(clOrdId);
    order.get(symbol);
    order.get(side);
    order.get(qty);
    order.get(ordType);
    FIX::Price price(marketPrice_);
    const bool limit = ordType == FIX::OrdType_LIMIT;
    if (limit) order.get(price);
    const std::string orderId = "QF-O" + std::to_string(++orders_);

    auto report = [&](char execType, char status, double cum, double leaves, double avg) {
      FIX44::ExecutionReport er(FIX::OrderID(orderId), FIX::ExecID("QF-E" + std::to_string(++execs_)),
                                FIX::ExecType(execType), FIX::OrdStatus(status), side, FIX::LeavesQty(leaves),
                                FIX::CumQty(cum), FIX::AvgPx(avg));
      er.set(clOrdId);
      er.set(symbol);
      er.set(qty);
      er.set(ordType);
      if (limit) er.set(price);
      return er;
    };
    FIX44::ExecutionReport accepted = report(FIX::ExecType_NEW, FIX::OrdStatus_NEW, 0, qty, 0);
    FIX::Session::sendToTarget(accepted, session);
    FIX44::ExecutionReport filled = report(FIX::ExecType_TRADE, FIX::OrdStatus_FILLED, qty, 0, price);
    filled.set(FIX::LastQty(qty));
    filled.set(FIX::LastPx(price));
    FIX::Session::sendToTarget(filled, session);
  }

  double marketPrice_;
  int orders_ = 0;
  int execs_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: executor CONFIG MARKET_PRICE" << std::endl;
    return 2;
  }
  try {
    FIX::SessionSettings settings(argv[1]);
    Executor app(std::atof(argv[2]));
    FIX::FileStoreFactory store(settings);
    FIX::FileLogFactory log(settings);
    FIX::SocketAcceptor acceptor(app, store, settings, log);
    acceptor.start();
    interop::say("READY");
    std::string line;
    while (std::getline(std::cin, line)) {
    }
    acceptor.stop();  // logs out connected sessions
    interop::say("DONE");
    return 0;
  } catch (const std::exception& e) {
    interop::say(std::string("ERROR ") + e.what());
    return 1;
  }
}
