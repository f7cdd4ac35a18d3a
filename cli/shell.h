#pragma once

#include "options.h"
#include "output.h"

#include "client/filetransfer.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

namespace Palomar::Client {
class ClientSession;
class Reply;
struct GroupInfo;
struct Message;
} // namespace Palomar::Client

namespace Palomar::Cli {

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

signals:
    void finished(int exitCode);

private:
    void login();
    void onLoggedIn();
    void offerRegistration();
    void onLine(const QString &line);
    void runCommand(const QString &command, const QString &argument, const QString &rest);
    void sendText(const QString &to, const QString &text);
    void setCurrentChat(const QString &user);
    void showHistory(const QString &user);
    void showFriends();
    void showHelp();
    void onMessage(const Client::Message &message);
    void onReceipt(const Client::Receipt &receipt);
    // Group commands and events (shellgroups.cpp).
    bool runGroupCommand(const QString &command, const QString &argument, const QString &rest);
    void connectGroupEvents();
    void refreshGroups();
    // Resolves GROUP against my groups (asking the server), then calls `then`.
    void withGroup(const QString &spec, std::function<void(const Client::GroupInfo &)> then);
    void setCurrentGroup(const Client::GroupInfo &group);
    void sendToGroup(qint64 group, const QString &text);
    void showGroupHistory(qint64 group);
    void showGroups();
    void onGroupMessage(const Client::Message &message);
    // File commands (shellfiles.cpp).
    bool runFileCommand(const QString &command, const QString &argument, const QString &rest);
    void rememberFile(const Client::Message &message);
    // Prints how `transfer` (with `peer`, a user or group, for uploads) goes.
    void followTransfer(Client::FileTransfer *transfer, const QString &peer);
    // Prints `done` when `reply` succeeds, the error otherwise.
    void report(Client::Reply *reply, const QString &done);
    void print(const QString &text);
    void printError(const QString &code, const QString &message);
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
        AskingToRegister,
        AskingForInvite,
        Chatting,
        Leaving
    } m_stage = Stage::Starting;
    QHash<QString, QString> m_pendingTexts;    // client_id -> text, until sent
    QHash<QString, QString> m_pendingPeers;    // client_id -> recipient
    QHash<QString, qint64> m_pendingGroups;    // client_id -> group, for group messages
    QHash<qint64, QString> m_sentTexts;        // msg_id -> text, for receipts
    QHash<QString, qint64> m_lastReceived;     // username key -> newest msg_id from them
    QHash<qint64, qint64> m_lastGroupReceived; // group -> newest msg_id in it from others

    QHash<qint64, Client::FileInfo> m_knownFiles;      // file_id -> file, from messages seen
    QList<QPointer<Client::FileTransfer>> m_transfers; // for /cancel
    bool m_finished = false;
};

} // namespace Palomar::Cli
