#pragma once

#include "options.h"
#include "output.h"

#include <QHash>
#include <QObject>

namespace Palomar::Client {
class ClientSession;
class Reply;
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
    // Prints `done` when `reply` succeeds, the error otherwise.
    void report(Client::Reply *reply, const QString &done);
    void print(const QString &text);
    void printError(const QString &code, const QString &message);
    void abortWith(const QString &code, const QString &message);
    void finish(int exitCode);

    Options m_options;
    QString m_password;
    Output m_output;
    Terminal *m_terminal = nullptr;
    Client::ClientSession *m_session = nullptr;
    QString m_currentChat;
    enum class Stage
    {
        Starting,
        AskingToRegister,
        Chatting,
        Leaving
    } m_stage = Stage::Starting;
    QHash<QString, QString> m_pendingTexts; // client_id -> text, until sent
    QHash<QString, QString> m_pendingPeers; // client_id -> recipient
    QHash<qint64, QString> m_sentTexts;     // msg_id -> text, for receipts
    QHash<QString, qint64> m_lastReceived;  // username key -> newest msg_id from them
    bool m_finished = false;
};

} // namespace Palomar::Cli
