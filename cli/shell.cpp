#include "shell.h"

#include "localstate.h"
#include "receiptnamer.h"
#include "terminal.h"
#include "tlsoptions.h"

#include "client/clientsession.h"
#include "client/messageactions.h"
#include "client/reactions.h"
#include "client/search.h"
#include "protocol/validation.h"

#include <QProcessEnvironment>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <memory>
#include <unistd.h>

namespace Palomar::Cli {

using Client::ClientSession;
using Client::Reply;

namespace {
constexpr int kHistoryShown = 20;
// /chat shows a screenful of history: all rows but the command and the prompt.
constexpr int kLinesKeptOnScreen = 2;
constexpr int kLogoutGraceMs = 5000;
} // namespace

Shell::Shell(const Options &options, const QString &password, QObject *parent)
    : QObject(parent), m_options(options), m_password(password), m_output(options.json, false),
      m_terminal(new Terminal(this)), m_session(new ClientSession(this)),
      m_receipts(new ReceiptNamer(m_session, &m_output, this)),
      m_actions(new Client::MessageActions(m_session, this)),
      m_reactions(new Client::Reactions(m_session, this)),
      m_search(new Client::MessageSearch(m_session, this))
{
    m_output =
        Output(options.json, m_terminal->isInteractive() &&
                                 Output::colourWanted(options.json, STDOUT_FILENO,
                                                      QProcessEnvironment::systemEnvironment()));
    m_session->setClientName(QStringLiteral("palomar-cli"));
    m_session->setSyncMode(Client::SyncMode::LongPoll);

    connect(m_terminal, &Terminal::lineEntered, this, &Shell::takeLine);
    connect(m_terminal, &Terminal::endOfInput, this, [this] {
        m_inputEnded = true;
        runQueuedLines();
    });
    // A request done (its Reply gone) may let the next piped line run.
    m_session->installEventFilter(this);
    m_terminal->setCompleter([this](const QString &lineBefore) { return completions(lineBefore); });

    connect(m_session, &ClientSession::connected, this, [this] {
        if (m_stage == Stage::Starting)
            login();
    });
    connect(m_session, &ClientSession::errorOccurred, this,
            [this](const QString &error, const QString &message) {
                if (m_stage == Stage::Leaving)
                    return;
                if (error == Client::LocalError::ConnectionFailed)
                    abortWith(error, connectionFailure(m_options, message));
                else if (m_session->state() == ClientSession::State::Reconnecting)
                    showOffline(
                        QStringLiteral("* connection lost (%1); reconnecting\u2026").arg(message));
                else
                    abortWith(error, message);
            });
    connect(m_session, &ClientSession::reconnected, this, [this] { showOnline(); });
    // Like a lost connection: the session waits and asks again by itself, and
    // what was typed stays queued (it prints once it is sent).
    connect(m_session, &ClientSession::stateChanged, this, [this](ClientSession::State state) {
        if (state == ClientSession::State::Unavailable && m_stage != Stage::Leaving)
            showOffline(QStringLiteral("* server storage unavailable, retrying in %1 s\u2026")
                            .arg(m_session->secondsUntilRetry()));
        else if (state == ClientSession::State::LoggedIn && m_offline)
            showOnline();
    });
    connect(m_session, &ClientSession::sessionReplaced, this, [this] {
        abortWith(QStringLiteral("session_replaced"),
                  QStringLiteral("a login elsewhere took this session over"));
    });
    connect(m_session, &ClientSession::sessionExpired, this, [this] {
        abortWith(QStringLiteral("bad_credentials"), QStringLiteral("the session has expired"));
    });

    connect(m_session, &ClientSession::messageReceived, this, &Shell::onMessage);
    connect(m_session, &ClientSession::receiptReceived, this, &Shell::onReceipt);
    const auto friendEvent = [this](const QString &kind) {
        return [this, kind](const QString &user) {
            print(m_output.friendEvent(kind, user, true));
            loadFriendNames();
        };
    };
    connect(m_session, &ClientSession::friendRequestReceived, this,
            friendEvent(QStringLiteral("friend_request")));
    connect(m_session, &ClientSession::friendAdded, this,
            friendEvent(QStringLiteral("friend_added")));
    connect(m_session, &ClientSession::friendDeclined, this,
            friendEvent(QStringLiteral("friend_declined")));
    connect(m_session, &ClientSession::friendRemoved, this,
            friendEvent(QStringLiteral("friend_removed")));
    connect(m_session, &ClientSession::eventReceived, this, [this](const QJsonObject &event) {
        if (event.value(QLatin1String("kind")).toString() != QLatin1String("profile"))
            print(m_output.unknownEvent(event)); // a profile's: see connectPrivacyEvents()
    });
    connectGroupEvents();
    connectPrivacyEvents();
    connectLiveNotices();

    connect(m_session, &ClientSession::messageSent, this,
            [this](const QString &clientId, qint64 msgId, qint64 ts) {
                const QString text = m_pendingTexts.take(clientId);
                const QString to = m_pendingPeers.take(clientId);
                const qint64 group = m_pendingGroups.take(clientId);
                m_receipts->rememberText(msgId, text);
                if (group != 0)
                    print(
                        m_output.sentToGroup(group, text, msgId, ts, clientId, m_session->user()));
                else
                    print(m_output.sent(to, text, msgId, ts, clientId, m_session->user()));
            });
    connect(m_session, &ClientSession::messageFailed, this,
            [this](const QString &clientId, const QString &error, const QString &message) {
                const qint64 group = m_pendingGroups.take(clientId);
                const QString to =
                    group != 0 ? m_output.groupLabel(group) : m_pendingPeers.take(clientId);
                m_pendingTexts.remove(clientId);
                printError(error, QStringLiteral("%1 (message to %2 not sent)").arg(message, to));
            });
}

void Shell::start()
{
    QString problem;
    if (!configureTls(m_options, m_session, &problem)) {
        abortWith(QStringLiteral("usage"), problem);
        return;
    }
    m_session->connectToServer(m_options.host, m_options.port);
}

void Shell::login()
{
    Reply *reply = m_session->login(m_options.user, m_password,
                                    m_options.takeover ? ClientSession::LoginOption::Takeover
                                                       : ClientSession::LoginOption::Normal);
    connect(reply, &Reply::finished, this, [this, reply] {
        if (reply->isOk()) {
            onLoggedIn();
            return;
        }
        if (reply->error() == QLatin1String("bad_credentials") && m_terminal->isInteractive() &&
            m_stage == Stage::Starting) {
            offerChoices();
            return;
        }
        QString message =
            failureMessage(reply->error(), reply->errorMessage(), reply->retryAfter());
        if (reply->error() == QLatin1String("session_active"))
            message += QStringLiteral(" (--takeover ends the other session)");
        abortWith(reply->error(), message);
    });
}

void Shell::onLoggedIn()
{
    m_stage = Stage::Chatting;
    // One-shot commands of this user share this session while it lasts.
    LocalState::saveSessionToken(m_options, m_session->token());
    // Friends' and groups' names first, so that Tab completes them from the
    // first line on.
    auto waiting = std::make_shared<int>(2);
    const auto ready = [this, waiting] {
        if (--*waiting > 0)
            return;
        m_terminal->start();
        m_terminal->setPrompt(QStringLiteral("> "));
        print(QStringLiteral("Logged in as %1 on %2:%3. Type /help for commands.")
                  .arg(m_session->user(), m_options.host)
                  .arg(m_options.port));
        runQueuedLines();
    };
    refreshGroups(ready);
    loadFriendNames(ready);
}

void Shell::onLine(const QString &rawLine)
{
    if (m_stage == Stage::AskingWhatNext || m_stage == Stage::AskingForInvite) {
        answerAccountQuestion(rawLine);
        return;
    }
    if (m_stage != Stage::Chatting)
        return;

    const QString line = rawLine.trimmed();
    if (line.isEmpty())
        return;
    m_terminal->addToHistory(line);
    if (!line.startsWith(QLatin1Char('/'))) {
        if (m_currentGroup != 0) {
            sendToGroup(m_currentGroup, line);
            return;
        }
        if (m_currentChat.isEmpty()) {
            print(QStringLiteral(
                "No current chat: /chat USER, /msg USER TEXT or /group GROUP first."));
            return;
        }
        sendText(m_currentChat, line);
        return;
    }
    if (m_terminal->isInteractive())
        print(m_terminal->prompt() + line); // keep the command in view
    const qsizetype space = line.indexOf(QLatin1Char(' '));
    const QString command = line.left(space < 0 ? line.size() : space).toLower();
    const QString arguments = space < 0 ? QString() : line.mid(space + 1).trimmed();
    const qsizetype split = arguments.indexOf(QLatin1Char(' '));
    const QString argument = split < 0 ? arguments : arguments.left(split);
    const QString rest = split < 0 ? QString() : arguments.mid(split + 1).trimmed();
    runCommand(command, argument, rest);
}

void Shell::runCommand(const QString &command, const QString &argument, const QString &rest)
{
    const auto needUser = [this, &argument, &command] {
        if (!argument.isEmpty())
            return true;
        print(QStringLiteral("%1 needs a user name; /help lists the commands.").arg(command));
        return false;
    };
    if (command == QLatin1String("/quit") || command == QLatin1String("/exit")) {
        quit(0);
    } else if (command == QLatin1String("/help")) {
        showHelp();
    } else if (command == QLatin1String("/friends")) {
        showFriends();
    } else if (command == QLatin1String("/add")) {
        if (needUser())
            report(m_session->friendRequest(argument),
                   QStringLiteral("* friend request sent to %1").arg(argument));
    } else if (command == QLatin1String("/accept")) {
        if (needUser())
            report(m_session->friendRespond(argument, ClientSession::FriendResponse::Accept),
                   QString());
    } else if (command == QLatin1String("/decline")) {
        if (needUser())
            report(m_session->friendRespond(argument, ClientSession::FriendResponse::Decline),
                   QStringLiteral("* declined %1's friend request").arg(argument));
    } else if (command == QLatin1String("/unfriend")) {
        if (needUser())
            report(m_session->unfriend(argument),
                   QStringLiteral("* %1 is no longer your friend").arg(argument));
    } else if (command == QLatin1String("/msg")) {
        if (!needUser())
            return;
        setCurrentChat(argument);
        if (!rest.isEmpty())
            sendText(argument, rest);
    } else if (command == QLatin1String("/chat")) {
        if (!needUser())
            return;
        setCurrentChat(argument);
        showHistory(argument, m_terminal->screenRows() - kLinesKeptOnScreen);
    } else if (command == QLatin1String("/history") && argument.isEmpty() && m_currentGroup) {
        showGroupHistory(m_currentGroup);
    } else if (command == QLatin1String("/history")) {
        const QString user = argument.isEmpty() ? m_currentChat : argument;
        if (user.isEmpty())
            print(QStringLiteral("/history needs a user name."));
        else
            showHistory(user, kHistoryShown);
    } else if (!runGroupCommand(command, argument, rest) &&
               !runFileCommand(command, argument, rest) &&
               !runPrivacyCommand(command, argument, rest) &&
               !runMessageCommand(command, argument, rest) &&
               !runConversationCommand(command, argument, rest)) {
        printError(QStringLiteral("unknown_command"),
                   QStringLiteral("%1 is not a command; /help lists them").arg(command));
    }
}

void Shell::showHelp()
{
    static const QStringList lines{
        QStringLiteral("/msg USER TEXT   send TEXT to USER and make USER the current chat"),
        QStringLiteral("/chat USER       switch the current chat; plain lines go there"),
        QStringLiteral("/history [USER]  the latest messages with USER"),
        QStringLiteral("/friends         friends and pending requests"),
        QStringLiteral("/add USER        ask USER to be your friend"),
        QStringLiteral("/accept USER     accept a friend request"),
        QStringLiteral("/decline USER    decline a friend request"),
        QStringLiteral("/unfriend USER   end a friendship"),
        QStringLiteral("/groups          my groups"),
        QStringLiteral("/group GROUP     make GROUP (id or name) the current chat"),
        QStringLiteral("/gcreate NAME [USER...]  create a group of friends"),
        QStringLiteral("/gadd GROUP USER, /gremove GROUP USER  members (admin only)"),
        QStringLiteral("/grename GROUP NAME  rename a group (admin only)"),
        QStringLiteral("/gleave GROUP    leave a group"),
        QStringLiteral("/ginfo [GROUP]   a group's admin and members"),
        QStringLiteral("/file USER PATH  send a file; /gfile GROUP PATH to a group"),
        QStringLiteral("/get FILE_ID [PATH]  download the file shown as [file #FILE_ID ...]"),
        QStringLiteral("/cancel          stop the file transfers under way"),
        QStringLiteral("/block USER, /unblock USER, /blocked  refuse a user's messages"),
        QStringLiteral("/profile [USER]  a display name and avatar; /name TEXT sets mine"),
        QStringLiteral("/reply ID TEXT   answer message #ID of the current chat"),
        QStringLiteral("/edit ID TEXT    change the text of your message #ID"),
        QStringLiteral("/delete ID       delete your message #ID for everyone"),
        QStringLiteral("/forward ID USER, /gforward ID GROUP  send a copy of message #ID"),
        QStringLiteral("/react ID EMOJI  react to message #ID; /react ID removes your reaction"),
        QStringLiteral("/search WORDS    find messages of the current chat (--all: every chat)"),
        QStringLiteral("/admin USER      hand the current group over to USER (admin only)"),
        QStringLiteral("/quit            log out and leave (also Ctrl-C, Ctrl-D)"),
    };
    for (const QString &line : lines)
        print(line);
}

void Shell::setCurrentChat(const QString &user)
{
    if (m_currentGroup != 0 || m_currentChat.compare(user, Qt::CaseInsensitive) != 0) {
        m_currentGroup = 0;
        m_currentChat = user;
        m_terminal->setPrompt(QStringLiteral("[%1]> ").arg(user));
    }
    // Opening a chat reads it: blue ticks for what they sent while we looked away.
    const qint64 newest = m_lastReceived.value(Protocol::usernameKey(user));
    if (newest > 0)
        m_session->markRead(user, newest);
}

void Shell::sendText(const QString &to, const QString &text)
{
    const QString clientId = m_session->send(to, text);
    m_pendingTexts.insert(clientId, text);
    m_pendingPeers.insert(clientId, to);
}

void Shell::showHistory(const QString &user, int limit)
{
    limit = std::clamp(limit, 1, Protocol::kMaxHistoryLimit);
    Reply *reply = m_session->history(user, 0, limit);
    connect(reply, &Reply::finished, this, [this, reply, user] {
        if (!reply->isOk()) {
            printError(reply->error(), reply->errorMessage());
            return;
        }
        QList<Client::Message> messages = Client::messagesFromHistory(reply->result());
        std::reverse(messages.begin(), messages.end());
        if (messages.isEmpty())
            print(QStringLiteral("No messages with %1.").arg(user));
        for (const Client::Message &message : std::as_const(messages)) {
            m_receipts->remember(message);
            print(m_output.message(message, m_session->user()));
        }
    });
}

void Shell::showFriends()
{
    Reply *reply = m_session->friends();
    connect(reply, &Reply::finished, this, [this, reply] {
        if (!reply->isOk()) {
            printError(reply->error(), reply->errorMessage());
            return;
        }
        const QStringList lines = m_output.friends(Client::FriendList::fromJson(reply->result()));
        for (const QString &line : lines)
            print(line);
    });
}

void Shell::onMessage(const Client::Message &message)
{
    print(m_output.message(message, m_session->user(), Output::TimeStyle::Short));
    rememberFile(message);
    if (message.isGroupMessage()) {
        onGroupMessage(message);
        return;
    }
    const QString key = Protocol::usernameKey(message.from);
    m_lastReceived.insert(key, std::max(m_lastReceived.value(key), message.msgId));
    if (Protocol::usernameKey(m_currentChat) == key)
        m_session->markRead(message.from, message.msgId);
}

void Shell::onReceipt(const Client::Receipt &receipt)
{
    m_receipts->describe(receipt, [this](const QString &line) { print(line); });
}

void Shell::report(Reply *reply, const QString &done)
{
    connect(reply, &Reply::finished, this, [this, reply, done] {
        if (!reply->isOk())
            printError(reply->error(), reply->errorMessage());
        else if (!done.isEmpty())
            print(done);
    });
}

void Shell::print(const QString &text)
{
    if (text.startsWith(QLatin1String("* ")))
        m_terminal->printLine(m_output.paint(text, Output::Style::System));
    else
        m_terminal->printLine(text);
}

void Shell::printError(const QString &code, const QString &message)
{
    // Through a pipe, a script learns from the exit status that something failed.
    m_exitStatus = 1;
    // Painted only where it lands on the terminal (not stderr sent to a file).
    const QString text = errorText(code, message);
    m_terminal->printLine(isatty(STDERR_FILENO) ? m_output.paint(text, Output::Style::Error) : text,
                          Terminal::Stream::Error);
}

void Shell::showOffline(const QString &status)
{
    // Once per outage through a pipe; on a terminal the status line is rewritten.
    if (m_offline && !m_terminal->isInteractive())
        return;
    m_offline = true;
    m_terminal->printStatus(m_output.paint(status, Output::Style::System));
}

void Shell::showOnline()
{
    if (!m_offline)
        return;
    m_offline = false;
    m_terminal->printStatus(m_output.paint(QStringLiteral("* back online"), Output::Style::System));
}

void Shell::handleSignal(int signalNumber)
{
    if (signalNumber == SIGWINCH) {
        m_terminal->resize();
        return;
    }
    // Ctrl-C with something typed clears it; on an empty line it leaves.
    if (signalNumber == SIGINT && m_stage == Stage::Chatting && m_terminal->clearLine())
        return;
    quit(0);
}

void Shell::abortWith(const QString &code, const QString &message)
{
    if (m_stage == Stage::Leaving)
        return;
    printError(code, message);
    quit(code == QLatin1String("usage") ? 2 : 1);
}

void Shell::quit(int exitCode)
{
    if (m_stage == Stage::Leaving)
        return;
    m_stage = Stage::Leaving;
    m_terminal->stop();
    LocalState::forgetSessionToken(m_options, m_session->token());
    if (!m_session->hasSession()) {
        finish(exitCode);
        return;
    }
    Reply *reply = m_session->logout();
    connect(reply, &Reply::finished, this, [this, exitCode] { finish(exitCode); });
    // A server that does not answer must not keep us here.
    QTimer::singleShot(kLogoutGraceMs, this, [this, exitCode] { finish(exitCode); });
}

void Shell::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    m_terminal->stop();
    m_session->disconnectFromServer();
    emit finished(exitCode);
}

} // namespace Palomar::Cli
