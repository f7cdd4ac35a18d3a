#pragma once

// Helpers shared by the client-library tests: waiting on Replies and a
// memory outbox the tests can look into.
#include "client/clientsession.h"
#include "client/outbox.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace ClientTest {

using namespace Palomar::Client;

inline const QString kPassword = QStringLiteral("correct horse battery");
constexpr int kWait = 15000;

// What a Reply said, kept after the Reply has deleted itself.
struct Answer
{
    bool done = false;
    bool ok = false;
    QString error;
    QJsonObject reply;
};

// Starts recording what `reply` says; the Reply deletes itself once finished,
// so every reply the test waits on must be watched before the event loop runs.
inline std::shared_ptr<Answer> watch(Reply *reply)
{
    auto answer = std::make_shared<Answer>();
    QObject::connect(reply, &Reply::finished, [reply, answer] {
        answer->done = true;
        answer->ok = reply->isOk();
        answer->error = reply->error();
        answer->reply = reply->result();
    });
    return answer;
}

inline Answer await(const std::shared_ptr<Answer> &answer, int timeoutMs = kWait)
{
    if (!QTest::qWaitFor([&answer] { return answer->done; }, timeoutMs))
        answer->error = QStringLiteral("test: no reply within %1 ms").arg(timeoutMs);
    return *answer;
}

inline Answer await(Reply *reply, int timeoutMs = kWait)
{
    return await(watch(reply), timeoutMs);
}

// Registers `user` on the server at `port` and logs in on a new session (a
// long poll running); nullptr, with a warning, when that fails.
inline std::unique_ptr<ClientSession> loggedInUser(quint16 port, const QString &user)
{
    auto session = std::make_unique<ClientSession>();
    session->setReconnectDelays(100, 1000);
    session->setLongPollWait(20);
    session->connectToServer(QStringLiteral("127.0.0.1"), port);
    if (!QTest::qWaitFor([&] { return session->state() == ClientSession::State::Connected; },
                         kWait)) {
        qWarning("no connection to port %d", int(port));
        return nullptr;
    }
    Answer answer = await(session->registerUser(user, kPassword));
    if (answer.ok)
        answer = await(session->login(user, kPassword));
    if (!answer.ok) {
        qWarning("registering and logging in %s: %s", qPrintable(user), qPrintable(answer.error));
        return nullptr;
    }
    return session;
}

// A number field of the JSON object `line` (what --json prints).
inline qint64 jsonNumber(const QString &line, const QString &key)
{
    return qint64(QJsonDocument::fromJson(line.toUtf8()).object().value(key).toDouble());
}

// The JSON objects of --json output, one per line.
inline QList<QJsonObject> jsonLines(const QString &out)
{
    QList<QJsonObject> objects;
    for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        objects.append(QJsonDocument::fromJson(line.toUtf8()).object());
    return objects;
}

// Makes two logged-in users friends.
inline void befriend(ClientSession *a, ClientSession *b)
{
    Answer answer = await(a->friendRequest(b->user()));
    QVERIFY2(answer.ok, qPrintable(answer.error));
    answer = await(b->friendRespond(a->user(), ClientSession::FriendResponse::Accept));
    QVERIFY2(answer.ok, qPrintable(answer.error));
}

// What one run of palomar-cli printed and returned.
struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Where palomar-cli run by the tests keeps what it keeps between runs (its
// history, the interactive session's token, servers' TLS settings): a
// folder of the test's own, never the user's.
inline QString cliStateFolder()
{
    static QTemporaryDir folder;
    return folder.path();
}

// palomar-cli run as a script runs it: against `server` (HOST:PORT), with
// PALOMAR_PASSWORD = `password` and PALOMAR_USER = the user given, if any.
class CliRunner
{
public:
    CliRunner(const QString &binary, const QString &server, const QString &password)
        : m_binary(binary), m_server(server), m_password(password)
    {}

    QProcessEnvironment environment(const QString &user = {}) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PALOMAR_SERVER"), m_server);
        env.insert(QStringLiteral("PALOMAR_PASSWORD"), m_password);
        env.remove(QStringLiteral("PALOMAR_USER"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), cliStateFolder() + QStringLiteral("/data"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), cliStateFolder() + QStringLiteral("/config"));
        if (!user.isEmpty())
            env.insert(QStringLiteral("PALOMAR_USER"), user);
        return env;
    }

    // The event loop runs meanwhile, so a relay in the test can do its work.
    CliRun run(const QStringList &arguments, const QString &user = {}, int timeoutMs = 30000) const
    {
        QProcess process;
        process.setProcessEnvironment(environment(user));
        process.start(m_binary, arguments);
        CliRun run;
        if (!process.waitForStarted(kWait) ||
            !QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; },
                             timeoutMs)) {
            process.kill();
            process.waitForFinished();
            run.err = QStringLiteral("palomar-cli did not finish");
            return run;
        }
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = QString::fromUtf8(process.readAllStandardOutput());
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    }

    // The interactive mode through a pipe: `input` written, then closed;
    // stdout and stderr merged into `out`, as `2>&1` shows them.
    CliRun runPiped(const QString &user, const QByteArray &input, int timeoutMs = 30000) const
    {
        QProcess shell;
        shell.setProcessEnvironment(environment(user));
        shell.setProcessChannelMode(QProcess::MergedChannels);
        shell.start(m_binary, QStringList{});
        CliRun run;
        if (!shell.waitForStarted(kWait))
            return run;
        shell.write(input);
        shell.closeWriteChannel();
        if (!QTest::qWaitFor([&] { return shell.state() == QProcess::NotRunning; }, timeoutMs)) {
            shell.kill();
            shell.waitForFinished();
            run.out = QStringLiteral("did not finish: ") + QString::fromUtf8(shell.readAll());
            return run;
        }
        run.exitCode = shell.exitStatus() == QProcess::NormalExit ? shell.exitCode() : -1;
        run.out = QString::fromUtf8(shell.readAll());
        return run;
    }

    // How many messages from `from` to `to` have exactly `text` (-1 when
    // the history cannot be read).
    int copiesOf(const QString &from, const QString &to, const QString &text) const
    {
        const CliRun result = run({QStringLiteral("--json"), QStringLiteral("history"), from}, to);
        if (result.exitCode != 0)
            return -1;
        return int(result.out.count(QStringLiteral("\"text\":\"%1\"").arg(text)));
    }

    // `send --json ARGUMENTS` as `from`: the new message's id, 0 on failure.
    qint64 sentId(const QString &from, const QStringList &arguments) const
    {
        const CliRun result =
            run(QStringList{QStringLiteral("--json"), QStringLiteral("send")} + arguments, from);
        return result.exitCode == 0 ? jsonNumber(result.out.trimmed(), QStringLiteral("msg_id"))
                                    : 0;
    }

    // Registers `first` and `others`, each a friend of `first`.
    void registerFriendsOf(const QString &first, const QStringList &others) const
    {
        for (const QString &user : QStringList{first} + others) {
            const CliRun result = run({QStringLiteral("register")}, user);
            QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        }
        for (const QString &user : others)
            makeFriends(first, user);
    }

    void makeFriends(const QString &a, const QString &b) const
    {
        CliRun result = run({QStringLiteral("add"), b}, a);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        result = run({QStringLiteral("accept"), a}, b);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    }

private:
    QString m_binary;
    QString m_server;
    QString m_password;
};

// A memory outbox the test can look into and seed, as a persistent one would be.
class RecordingOutbox : public Outbox
{
public:
    void add(const OutgoingMessage &message) override
    {
        remove(message.clientId);
        entries.append(message);
    }
    void remove(const QString &clientId) override
    {
        entries.removeIf([&](const OutgoingMessage &m) { return m.clientId == clientId; });
    }
    QList<OutgoingMessage> pending() const override { return entries; }

    QList<OutgoingMessage> entries;
};

} // namespace ClientTest

// Runs a helper that may fail a QCOMPARE, and leaves the test function if it did.
#define CHECKED(call)                                                                              \
    do {                                                                                           \
        call;                                                                                      \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)
