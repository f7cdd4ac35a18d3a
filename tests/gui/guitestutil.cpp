#include "guitestutil.h"

#include "app/languages.h"
#include "client/reply.h"
#include "widgets/theme.h"

#include <QApplication>
#include <QDir>
#include <QStandardPaths>

#include <QSignalSpy>
#include <QTest>

namespace Palomar::GuiTest {

bool awaitOk(Client::Reply *reply, QString *error, QJsonObject *result)
{
    bool done = false;
    bool ok = false;
    QObject::connect(reply, &Client::Reply::finished, [&] {
        done = true;
        ok = reply->isOk();
        if (error)
            *error = reply->error();
        if (result)
            *result = reply->result();
    });
    if (!QTest::qWaitFor([&] { return done; }, kWait))
        return false;
    return ok;
}

std::unique_ptr<Client::ClientSession> connectedSession(quint16 port)
{
    auto session = std::make_unique<Client::ClientSession>();
    QSignalSpy connected(session.get(), &Client::ClientSession::connected);
    session->connectToServer(QStringLiteral("127.0.0.1"), port);
    if (!connected.wait(kWait))
        return nullptr;
    return session;
}

bool registerUser(quint16 port, const QString &user, const QString &password)
{
    auto session = connectedSession(port);
    return session && awaitOk(session->registerUser(user, password));
}

bool logIn(Client::ClientSession *session, const QString &user, const QString &password)
{
    return awaitOk(session->login(user, password));
}

void applyDemoLook(const QString &look)
{
    if (look != QLatin1String("dark") && look != QLatin1String("light"))
        return;
    auto *app = qobject_cast<QApplication *>(QCoreApplication::instance());
    Desktop::Theme::apply(app,
                          look == QLatin1String("dark") ? Desktop::Theme::Mode::Dark
                                                        : Desktop::Theme::Mode::Light,
                          100);
}

QString startDemo(QApplication *app, int argc, char *argv[])
{
    QApplication::setApplicationName(QStringLiteral("palomar-demo"));
    QStandardPaths::setTestModeEnabled(true);
    Desktop::Theme::apply(app);
    Desktop::Languages::install(app,
                                argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("en"));
    applyDemoLook(argc > 3 ? QString::fromLocal8Bit(argv[3]) : QString());
    return argc > 1 ? QString::fromLocal8Bit(argv[1]) : QDir::currentPath();
}

} // namespace Palomar::GuiTest
