#include "oneshot.h"

#include "localstate.h"
#include "receiptnamer.h"
#include "tlsoptions.h"

#include "client/clientsession.h"

#include <QJsonArray>

#include <algorithm>
#include <memory>
#include <unistd.h>

namespace Palomar::Cli {

using Client::ClientSession;
using Client::Reply;

namespace {
constexpr int kLogoutGraceMs = 5000;
} // namespace

OneShotRunner::OneShotRunner(const Options &options, const QString &password, QObject *parent)
    : QObject(parent), m_options(options), m_password(password),
      m_output(options.json, Output::colourWanted(options.json, STDOUT_FILENO,
                                                  QProcessEnvironment::systemEnvironment())),
      m_session(new ClientSession(this))
{
    m_session->setClientName(QStringLiteral("palomar-cli"));
    m_session->setAutoReconnect(false);
    m_session->setSyncMode(Client::SyncMode::Manual);
    connect(m_session, &ClientSession::connected, this, &OneShotRunner::onConnected);
    connect(m_session, &ClientSession::errorOccurred, this,
            [this](const QString &error, const QString &message) {
                // Only file transfers reconnect, and wait for it (oneshotfiles.cpp).
                if (m_session->state() == ClientSession::State::Reconnecting) {
                    printLine(stderr,
                              QStringLiteral("warning: %1: %2; reconnecting").arg(error, message));
                    return;
                }
                if (error == Client::LocalError::ConnectionFailed)
                    fail(error, connectionFailure(m_options, message));
                else
                    fail(error, message);
            });
    connect(m_session, &ClientSession::sessionReplaced, this, [this] {
        fail(QStringLiteral("session_replaced"),
             QStringLiteral("a login elsewhere took this session over"));
    });
    connect(m_session, &ClientSession::stateChanged, this, [this](ClientSession::State state) {
        if (state == ClientSession::State::Unavailable)
            onUnavailable();
    });
    m_unavailableGiveUp.setSingleShot(true);
    m_unavailableGiveUp.setInterval(m_options.retryForSeconds * 1000);
    connect(&m_unavailableGiveUp, &QTimer::timeout, this, &OneShotRunner::giveUpOnUnavailable);
}

void OneShotRunner::start()
{
    QString problem;
    if (!configureTls(m_options, m_session, &problem)) {
        fail(QStringLiteral("usage"), problem);
        return;
    }
    m_session->connectToServer(m_options.host, m_options.port);
}

void OneShotRunner::interrupt()
{
    fail(QStringLiteral("interrupted"), QStringLiteral("stopped by a signal"));
}

void OneShotRunner::onConnected()
{
    if (m_options.command == QLatin1String("register")) {
        Reply *reply = m_session->registerUser(m_options.user, m_password, m_options.invite);
        connect(reply, &Reply::finished, this, [this, reply] {
            if (reply->error() == Protocol::errorName(Protocol::Error::InviteRequired)) {
                fail(reply->error(),
                     reply->errorMessage() + QStringLiteral(" (register --invite CODE)"));
                return;
            }
            if (!check(reply))
                return;
            printLine(stdout, m_output.done(QStringLiteral("Registered %1.").arg(m_options.user),
                                            {{QStringLiteral("command"), m_options.command},
                                             {QStringLiteral("user"), m_options.user}}));
            end(0);
        });
        return;
    }
    // The interactive client of this user saved its session: share it
    // rather than be refused (or, with --takeover, end it).
    const QString token = m_options.takeover ? QString() : LocalState::sessionToken(m_options);
    if (!token.isEmpty()) {
        Reply *resumed = m_session->resume(token);
        connect(resumed, &Reply::finished, this, [this, resumed] {
            if (resumed->isOk() && resumed->value(QLatin1String("user"))
                                           .toString()
                                           .compare(m_options.user, Qt::CaseInsensitive) == 0) {
                m_sharedSession = true;
                runCommand();
                return;
            }
            login(); // an ended session: its token is stale
        });
        return;
    }
    login();
}

void OneShotRunner::login()
{
    Reply *reply = m_session->login(m_options.user, m_password,
                                    m_options.takeover ? ClientSession::LoginOption::Takeover
                                                       : ClientSession::LoginOption::Normal);
    connect(reply, &Reply::finished, this, [this, reply] {
        if (reply->error() == QLatin1String("session_active")) {
            fail(reply->error(),
                 reply->errorMessage() + QStringLiteral(" (--takeover ends the other session)"));
            return;
        }
        if (check(reply))
            runCommand();
    });
}

void OneShotRunner::runCommand()
{
    const QString &command = m_options.command;
    if (command == QLatin1String("add"))
        runAdd();
    else if (command == QLatin1String("accept"))
        runSimple(m_session->friendRespond(target(), ClientSession::FriendResponse::Accept),
                  QStringLiteral("You and %1 are now friends.").arg(target()));
    else if (command == QLatin1String("decline"))
        runSimple(m_session->friendRespond(target(), ClientSession::FriendResponse::Decline),
                  QStringLiteral("Declined %1's friend request.").arg(target()));
    else if (command == QLatin1String("unfriend"))
        runSimple(m_session->unfriend(target()),
                  QStringLiteral("%1 is no longer your friend.").arg(target()));
    else if (command == QLatin1String("friends"))
        runFriends();
    else if (command == QLatin1String("send") && !m_options.group.isEmpty())
        withGroup(m_options.group, [this](const Client::GroupInfo &g) { runGroupSend(g); });
    else if (command == QLatin1String("send"))
        runSend();
    else if (command == QLatin1String("inbox"))
        runInbox();
    else if (command == QLatin1String("history") && !m_options.group.isEmpty())
        withGroup(m_options.group, [this](const Client::GroupInfo &g) { runGroupHistory(g); });
    else if (command == QLatin1String("history"))
        runHistory();
    else if (command == QLatin1String("groups"))
        runGroups();
    else if (command == QLatin1String("group-create"))
        runGroupCreate();
    else if (command.startsWith(QLatin1String("group-")))
        runGroupCommand();
    else if (command == QLatin1String("unregister"))
        runUnregister();
    else if (command == QLatin1String("send-file") && !m_options.group.isEmpty())
        withGroup(m_options.group,
                  [this](const Client::GroupInfo &g) { runSendFile(QString(), g.group); });
    else if (command == QLatin1String("send-file"))
        runSendFile(target(), 0);
    else if (command == QLatin1String("get"))
        runGet();
    else if (command == QLatin1String("block") || command == QLatin1String("unblock") ||
             command == QLatin1String("blocked") || command == QLatin1String("profile") ||
             command == QLatin1String("set-profile") || command == QLatin1String("passwd"))
        runPrivacyCommand();
    else if (command == QLatin1String("react"))
        runReact();
    else if (command == QLatin1String("search"))
        runSearch();
    else if (runMessageCommand(command))
        return;
    else
        fail(QStringLiteral("usage"), QStringLiteral("unknown command %1").arg(command));
}

void OneShotRunner::runSimple(Reply *reply, const QString &human)
{
    connect(reply, &Reply::finished, this, [this, reply, human] {
        if (!check(reply))
            return;
        printLine(stdout, m_output.done(human, {{QStringLiteral("command"), m_options.command},
                                                {QStringLiteral("user"), target()}}));
        succeed();
    });
}

void OneShotRunner::runAdd()
{
    Reply *reply = m_session->friendRequest(target());
    connect(reply, &Reply::finished, this, [this, reply] {
        if (!check(reply))
            return;
        // A request to someone who had already asked us accepts theirs: say which it was.
        Reply *list = m_session->friends();
        connect(list, &Reply::finished, this, [this, list] {
            if (!check(list))
                return;
            const Client::FriendList friends = Client::FriendList::fromJson(list->result());
            const bool accepted = std::any_of(
                friends.friends.cbegin(), friends.friends.cend(), [this](const Client::Friend &f) {
                    return f.user.compare(target(), Qt::CaseInsensitive) == 0;
                });
            const QString human =
                accepted
                    ? QStringLiteral("%1 had asked you too: you are now friends.").arg(target())
                    : QStringLiteral("Friend request sent to %1.").arg(target());
            printLine(stdout, m_output.done(human, {{QStringLiteral("command"), m_options.command},
                                                    {QStringLiteral("user"), target()},
                                                    {QStringLiteral("friends"), accepted}}));
            succeed();
        });
    });
}

void OneShotRunner::runFriends()
{
    Reply *reply = m_session->friends();
    connect(reply, &Reply::finished, this, [this, reply] {
        if (!check(reply))
            return;
        const QStringList lines = m_output.friends(Client::FriendList::fromJson(reply->result()));
        for (const QString &line : lines)
            printLine(stdout, line);
        succeed();
    });
}

void OneShotRunner::runSend()
{
    const QString clientId = Client::generateClientId();
    connect(m_session, &ClientSession::messageSent, this,
            [this, clientId](const QString &id, qint64 msgId, qint64 ts) {
                if (id != clientId)
                    return;
                printLine(stdout, m_output.sent(target(), m_options.text, msgId, ts, id,
                                                m_session->user()));
                succeed();
            });
    connect(m_session, &ClientSession::messageFailed, this,
            [this, clientId](const QString &id, const QString &error, const QString &message) {
                if (id == clientId)
                    fail(error, message);
            });
    m_session->send(target(), m_options.text, clientId);
}

void OneShotRunner::runInbox()
{
    const QString me = m_session->user();
    connect(
        m_session, &ClientSession::messageReceived, this,
        [this, me](const Client::Message &message) { showEvent(m_output.message(message, me)); });
    connect(m_session, &ClientSession::receiptReceived, this, &OneShotRunner::showReceipt);
    const auto friendEvent = [this](const QString &kind) {
        return [this, kind](const QString &user) {
            showEvent(m_output.friendEvent(kind, user, false));
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
    const auto groupEvent = [this](const QString &kind) {
        return [this, kind](qint64 group, const QString &name, const QString &by) {
            m_output.setGroupName(group, name);
            showEvent(m_output.groupEvent(kind, {group, name, by, 0, 0}));
        };
    };
    connect(m_session, &ClientSession::groupAdded, this, groupEvent(QStringLiteral("group_added")));
    connect(m_session, &ClientSession::groupRemoved, this,
            groupEvent(QStringLiteral("group_removed")));
    connect(m_session, &ClientSession::groupUpdated, this,
            groupEvent(QStringLiteral("group_updated")));
    connect(m_session, &ClientSession::groupEventReceived, this,
            [this](const QString &, const Client::GroupEvent &event) {
                for (const Client::Message &line : event.lines)
                    showEvent(m_output.message(line, m_session->user()));
            });
    connect(m_session, &ClientSession::eventReceived, this,
            [this](const QJsonObject &event) { showEvent(m_output.unknownEvent(event)); });
    // Group messages print with their group's name.
    Reply *groups = m_session->groups();
    connect(groups, &Reply::finished, this, [this, groups] {
        if (!check(groups))
            return;
        m_output.setGroupNames(Client::groupsFromReply(groups->result()));
        inboxStep(m_options.waitSeconds);
    });
}

void OneShotRunner::inboxStep(int waitSeconds)
{
    // Each sync acknowledges what the one before returned; stop once a sync
    // brings nothing, so everything printed is acknowledged.
    Reply *reply = m_session->syncNow(waitSeconds);
    connect(reply, &Reply::finished, this, [this, reply] {
        if (!check(reply))
            return;
        if (!reply->value(QLatin1String("events")).toArray().isEmpty()) {
            inboxStep(0);
            return;
        }
        if (m_eventsShown == 0 && !m_output.isJson())
            printLine(stdout, QStringLiteral("Nothing new."));
        m_inboxDone = true;
        flushInbox(); // succeeds once every receipt is named
    });
}

void OneShotRunner::showEvent(const QString &line)
{
    ++m_eventsShown;
    m_inboxLines.append(std::make_shared<QString>(line));
    flushInbox();
}

void OneShotRunner::showReceipt(const Client::Receipt &receipt)
{
    if (m_output.isJson()) {
        showEvent(m_output.receipt(receipt, QString()));
        return;
    }
    // Its line keeps its place while the server says which message it was.
    ++m_eventsShown;
    auto line = std::make_shared<QString>();
    m_inboxLines.append(line);
    if (!m_receipts)
        m_receipts = new ReceiptNamer(m_session, &m_output, this);
    m_receipts->describe(receipt, [this, line](const QString &named) {
        *line = named;
        flushInbox();
    });
}

void OneShotRunner::flushInbox()
{
    while (!m_inboxLines.isEmpty() && !m_inboxLines.first()->isNull())
        printLine(stdout, *m_inboxLines.takeFirst());
    if (m_inboxDone && m_inboxLines.isEmpty())
        succeed();
}

void OneShotRunner::runHistory()
{
    Reply *reply = m_session->history(target(), 0, m_options.limit);
    connect(reply, &Reply::finished, this, [this, reply] {
        if (!check(reply))
            return;
        QList<Client::Message> messages = Client::messagesFromHistory(reply->result());
        std::reverse(messages.begin(), messages.end()); // oldest first, as people read
        if (messages.isEmpty() && !m_output.isJson())
            printLine(stdout, QStringLiteral("No messages with %1.").arg(target()));
        for (const Client::Message &message : std::as_const(messages))
            printLine(stdout, m_output.message(message, m_session->user()));
        succeed();
    });
}

void OneShotRunner::runUnregister()
{
    const QString user = m_session->user();
    Reply *reply = m_session->unregister(m_password);
    connect(reply, &Reply::finished, this, [this, reply, user] {
        if (!check(reply))
            return;
        printLine(stdout, m_output.done(QStringLiteral("Deleted the account %1.").arg(user),
                                        {{QStringLiteral("command"), m_options.command},
                                         {QStringLiteral("user"), user}}));
        end(0);
    });
}

void OneShotRunner::onUnavailable()
{
    // The count is not restarted by the session's retries (the server may
    // serve its probe and refuse the request again); only a transfer that
    // moves on restarts it (followTransfer).
    if (m_unavailableGiveUp.isActive())
        return;
    m_unavailableGiveUp.start();
    printLine(stderr, QStringLiteral("warning: %1: the server cannot serve requests right now (its "
                                     "storage is unavailable); retrying in %2 s, for up to %3 s")
                          .arg(Client::ServerError::Unavailable)
                          .arg(m_session->secondsUntilRetry())
                          .arg(m_options.retryForSeconds));
}

void OneShotRunner::giveUpOnUnavailable()
{
    fail(Client::ServerError::Unavailable,
         QStringLiteral("the server stayed unavailable (its storage cannot serve requests); gave "
                        "up after retrying for %1 s (--retry-for)")
             .arg(m_options.retryForSeconds));
}

bool OneShotRunner::check(Reply *reply)
{
    if (reply->isOk())
        return true;
    fail(reply->error(),
         failureMessage(reply->error(), reply->errorMessage(), reply->retryAfter()));
    return false;
}

void OneShotRunner::fail(const QString &code, const QString &message)
{
    if (m_failed || m_finishing)
        return;
    m_failed = true;
    printError(code, message);
    // A usage or configuration problem exits 2, as the server's do.
    logoutAndFinish(code == QLatin1String("usage") ? 2 : 1);
}

void OneShotRunner::succeed()
{
    logoutAndFinish(0);
}

void OneShotRunner::logoutAndFinish(int exitCode)
{
    if (m_finishing)
        return;
    m_finishing = true;
    // A shared session belongs to the interactive client: it stays.
    if (!m_session->hasSession() || m_sharedSession) {
        end(exitCode);
        return;
    }
    // One live session per user: never leave this one behind. A server that
    // does not take the logout (unavailable, or silent) must not keep us here.
    QTimer::singleShot(kLogoutGraceMs, this, [this, exitCode] { end(exitCode); });
    Reply *reply = m_session->logout();
    connect(reply, &Reply::finished, this, [this, reply, exitCode] {
        if (!reply->isOk() && exitCode == 0) {
            printError(reply->error(),
                       QStringLiteral("logging out: %1").arg(reply->errorMessage()));
            end(1);
            return;
        }
        end(exitCode);
    });
}

void OneShotRunner::end(int exitCode)
{
    if (m_ended)
        return;
    m_ended = true;
    m_finishing = true;
    m_unavailableGiveUp.stop();
    m_session->disconnectFromServer();
    emit finished(exitCode);
}

} // namespace Palomar::Cli
