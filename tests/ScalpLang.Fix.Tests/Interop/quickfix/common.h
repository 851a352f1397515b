// Shared by the interop programs: one parseable stdout line per event, flushed at once.
//   IN|8=FIX.4.4|9=..|35=D|...   a message received (SOH shown as '|')
//   OUT|8=FIX.4.4|...            a message sent
//   LOGON / LOGOUT / READY / DONE / ERROR <text>
#pragma once
#include <quickfix/Application.h>
#include <quickfix/Message.h>
#include <quickfix/SessionID.h>
#include <iostream>
#include <mutex>
#include <string>

namespace interop {

inline std::mutex& outputLock() {
  static std::mutex m;
  return m;
}

inline void say(const std::string& line) {
  std::lock_guard<std::mutex> guard(outputLock());
  std::cout << line << std::endl;  // endl flushes: the test reads line by line
}

inline void sayMessage(const char* direction, const FIX::Message& message) {
  std::string text = message.toString();
  for (char& c : text)
    if (c == '\001') c = '|';
  say(std::string(direction) + "|" + text);
}

// Logs every message both ways; subclasses handle application messages.
class LoggingApplication : public FIX::Application {
 public:
  void onCreate(const FIX::SessionID&) override {}
  void onLogon(const FIX::SessionID& id) override { say("LOGON " + id.toString()); }
  void onLogout(const FIX::SessionID& id) override { say("LOGOUT " + id.toString()); }
  void toAdmin(FIX::Message& m, const FIX::SessionID&) override { sayMessage("OUT", m); }
  void toApp(FIX::Message& m, const FIX::SessionID&) throw(FIX::DoNotSend) override { sayMessage("OUT", m); }
  void fromAdmin(const FIX::Message& m, const FIX::SessionID&)
      throw(FIX::FieldNotFound, FIX::IncorrectDataFormat, FIX::IncorrectTagValue, FIX::RejectLogon) override {
    sayMessage("IN", m);
  }
};

}  // namespace interop
