#pragma once

#include "options.h"
#include "output.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace Palomar::Client {
class ClientSession;
class FileTransfer;
class Privacy;
class MessageActions;
class Reply;
struct GroupInfo;
struct SearchChat;
struct Receipt;
} // namespace Palomar::Client

namespace Palomar::Cli {

class ReceiptNamer;

// Runs one COMMAND for a script: connect, log in (except `register`), do
// the thing, log out, report the exit code. Owns its session; it syncs only
// for `inbox`, so no other command acknowledges events behind the user's back.
// While the server answers `unavailable` the session retries (the message
// stays queued, requests are sent again); the runner gives up with
// `unavailable` once that has gone on for --retry-for seconds.
class OneShotRunner : public QObject
{
    Q_OBJECT
public:
    OneShotRunner(const Options &options, const QString &password, QObject *parent = nullptr);

    void start();
    // SIGINT/SIGTERM: log out if logged in, then finish with 1.
    void interrupt();

signals:
    void finished(int exitCode);

private:
    void onConnected();
    void login();
    void runCommand();
    void runAdd();
    void runSimple(Client::Reply *reply, const QString &human);
    void runFriends();
    void runSend();
    void runInbox();
    void inboxStep(int waitSeconds);
    // Inbox lines print in the order of the events, receipts once named.
    void showEvent(const QString &line);
    void showReceipt(const Client::Receipt &receipt);
    void flushInbox();
    void runHistory();
    void runUnregister();
    // Group commands (oneshotgroups.cpp).
    void runGroups();
    void runGroupCreate();
    void runGroupCommand();
    void runGroupSend(const Client::GroupInfo &group);
    void runGroupHistory(const Client::GroupInfo &group);
    // File commands (oneshotfiles.cpp): to `to`, or to `group` when not 0.
    void runSendFile(const QString &to, qint64 group);
    void runGet();
    // Reactions (oneshotconversation.cpp).
    void runReact();
    // search (oneshotsearch.cpp): in the chat of --to/--group, or in all.
    void runSearch();
    void searchIn(const Client::SearchChat &chat);
    // Shows the progress of `transfer` and reports its failure; `onFinished` on success.
    void followTransfer(Client::FileTransfer *transfer, const QString &label,
                        std::function<void()> onFinished);
    // Blocks, profiles, passwd (oneshotprivacy.cpp).
    void runPrivacyCommand();
    void runProfile();
    void runSetProfile();
    void runPasswd();
    // reply, edit, delete, forward (oneshotmessages.cpp); true when `command` is one.
    bool runMessageCommand(const QString &command);
    void runReply(const QString &to, qint64 group);
    void runForward(const QString &to, qint64 group);
    Client::MessageActions *actions();
    // Resolves m_options.group (or the first target) to a group, then calls `then`.
    void withGroup(const QString &spec, std::function<void(const Client::GroupInfo &)> then);

    // Checks a reply; on failure reports it and finishes. True when ok.
    bool check(Client::Reply *reply);
    // The session waits for an unavailable server: warn once, start counting.
    void onUnavailable();
    void giveUpOnUnavailable();
    void fail(const QString &code, const QString &message);
    void succeed();
    void logoutAndFinish(int exitCode);
    void end(int exitCode);

    QString target() const { return m_options.targets.value(0); }

    Options m_options;
    QString m_password;
    Output m_output;
    Client::ClientSession *m_session = nullptr;
    bool m_sharedSession = false; // resumed the interactive client's session: left running
    bool m_failed = false;
    bool m_finishing = false;
    bool m_ended = false;
    QTimer m_unavailableGiveUp; // runs from the first `unavailable` answer
    int m_eventsShown = 0;
    QList<std::shared_ptr<QString>> m_inboxLines; // null: a receipt being named
    bool m_inboxDone = false;
    ReceiptNamer *m_receipts = nullptr;
    Client::Privacy *m_privacy = nullptr;
    Client::MessageActions *m_actions = nullptr;
};

} // namespace Palomar::Cli
