#pragma once

#include "options.h"
#include "output.h"

#include "client/filetransfer.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

namespace Palomar::Client {
class ClientSession;
class Privacy;
class MessageActions;
class MessageSearch;
class Reactions;
class Reply;
struct GroupInfo;
struct Message;
} // namespace Palomar::Client

namespace Palomar::Cli {

class ReceiptNamer;
class Terminal;

// The interactive chat: logs in, keeps a long poll running, prints what
// arrives, and turns typed lines into slash commands or messages for the
// current chat. Owns its session and terminal. Leaving (/quit, end of input,
// SIGINT/SIGTERM) always logs out first.
class Shell : public QObject
{
    Q_OBJECT
public:
    Shell(const Options &options, const QString &password, QObject *parent = nullptr);

    void start();
    // Log out and finish with 0 (or `exitCode`).
    void quit(int exitCode = 0);
    // SIGINT (Ctrl-C: clears a half-typed line first), SIGTERM, SIGWINCH.
    void handleSignal(int signalNumber);

signals:
    void finished(int exitCode);

private:
    void login();
    void onLoggedIn();
    // After a wrong password on a terminal (shellaccount.cpp): retry it,
    // create the account (a new password typed twice, an invitation code if
    // the server asks for one), or quit.
    void offerChoices();
    void answerAccountQuestion(const QString &line);
    void retryPassword();
    void createAccount();
    // Typed lines run at once; piped ones one after the other (shellqueue.cpp).
    void takeLine(const QString &line);
    void runQueuedLines();
    bool isBusy() const;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void onLine(const QString &line);
    void runCommand(const QString &command, const QString &argument, const QString &rest);
    void sendText(const QString &to, const QString &text);
    void setCurrentChat(const QString &user);
    void showHistory(const QString &user, int limit);
    void showFriends();
    void showHelp();
    void onMessage(const Client::Message &message);
    void onReceipt(const Client::Receipt &receipt);
    // Completion (shellcontext.cpp): what this run knows.
    QStringList completions(const QString &lineBefore) const;
    void loadFriendNames(std::function<void()> then = {});
    // Group commands and events (shellgroups.cpp).
    bool runGroupCommand(const QString &command, const QString &argument, const QString &rest);
    void connectGroupEvents();
    // Typing and presence notices (shelllive.cpp).
    void connectLiveNotices();
    void refreshGroups(std::function<void()> then = {});
    // Resolves GROUP against my groups (asking the server), then calls `then`.
    void withGroup(const QString &spec, std::function<void(const Client::GroupInfo &)> then);
    void setCurrentGroup(const Client::GroupInfo &group);
    void sendToGroup(qint64 group, const QString &text);
    void showGroupHistory(qint64 group);
    void showGroups();
    void onGroupMessage(const Client::Message &message);
    // reply, edit, delete, forward (shellmessages.cpp).
    bool runMessageCommand(const QString &command, const QString &argument, const QString &rest);
    void replyInCurrentChat(qint64 replyTo, const QString &text);
    void forwardTo(qint64 msgId, const QString &to, qint64 group);
    // /search, /react, /admin (shellconversation.cpp).
    bool runConversationCommand(const QString &command, const QString &argument,
                                const QString &rest);
    void searchMessages(const QString &argument, const QString &rest);
    void handOverGroup(const QString &user, const QString &rest);
    // A message id as typed: "#12" or "12"; 0 when it is none.
    static qint64 messageIdOf(const QString &argument);
    // File commands (shellfiles.cpp).
    bool runFileCommand(const QString &command, const QString &argument, const QString &rest);
    // /block, /unblock, /blocked, /profile, /name (shellprivacy.cpp).
    void connectPrivacyEvents();
    bool runPrivacyCommand(const QString &command, const QString &argument, const QString &rest);
    void rememberFile(const Client::Message &message);
    // Prints how `transfer` (with `peer`, a user or group, for uploads) goes.
    void followTransfer(Client::FileTransfer *transfer, const QString &peer);
    // Prints `done` when `reply` succeeds, the error otherwise.
    void report(Client::Reply *reply, const QString &done);
    void print(const QString &text);
    void printError(const QString &code, const QString &message);
    void showOffline(const QString &status);
    void showOnline();
    void abortWith(const QString &code, const QString &message);
    void registerAccount(const QString &invite);
    void finish(int exitCode);

    Options m_options;
    QString m_password;
    Output m_output;
    Terminal *m_terminal = nullptr;
    Client::ClientSession *m_session = nullptr;
    QString m_currentChat;     // a user, or empty
    qint64 m_currentGroup = 0; // a group id when a group is the current chat
    enum class Stage
    {
        Starting,
        AskingWhatNext,
        AskingForInvite,
        Chatting,
        Leaving
    } m_stage = Stage::Starting;
    QHash<QString, QString> m_pendingTexts;      // client_id -> text, until sent
    QHash<QString, QString> m_pendingPeers;      // client_id -> recipient
    QHash<QString, qint64> m_pendingGroups;      // client_id -> group, for group messages
    ReceiptNamer *m_receipts = nullptr;          // what receipts are about
    Client::Privacy *m_privacy = nullptr;        // blocks, profiles and their events
    Client::MessageActions *m_actions = nullptr; // reply, edit, delete, forward
    Client::Reactions *m_reactions = nullptr;    // react, group admin hand-over
    Client::MessageSearch *m_search = nullptr;   // /search
    QStringList m_friendNames;                   // for completion
    QHash<QString, qint64> m_lastReceived;       // username key -> newest msg_id from them
    QHash<qint64, qint64> m_lastGroupReceived;   // group -> newest msg_id in it from others

    QHash<qint64, Client::FileInfo> m_knownFiles;      // file_id -> file, from messages seen
    QList<QPointer<Client::FileTransfer>> m_transfers; // for /cancel
    bool m_finished = false;
    bool m_offline = false;    // reconnecting, or the server unavailable
    int m_exitStatus = 0;      // 1 once an error was printed
    QStringList m_queuedLines; // piped, waiting for the line before to be done
    bool m_inputEnded = false;
    bool m_queueCheckPending = false;
    // Who is typing where ("group/user"), until their notice expires.
    QHash<QString, QDeadlineTimer> m_typingShown;
};

} // namespace Palomar::Cli
