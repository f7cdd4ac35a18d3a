#pragma once

#include <QObject>

namespace Palomar::Desktop {

// The remembered session token, kept in the desktop's secret store through
// QtKeychain (service "palomar"), never in a plain file. When no keychain
// answers (no D-Bus secret service) it reports so, and the app simply does
// not remember the session. Reads and writes are asynchronous. The
// operations are virtual so tests can keep tokens in memory instead.
class TokenStore : public QObject
{
    Q_OBJECT
public:
    explicit TokenStore(QObject *parent = nullptr);

    static QString keyFor(const QString &host, quint16 port, const QString &user);

    virtual void read(const QString &key);
    virtual void write(const QString &key, const QString &token);
    virtual void remove(const QString &key);
    // Finds out whether a keychain answers at all (before the login window
    // offers "Remember me"): keychainChecked() follows.
    virtual void check();

signals:
    // An empty token: nothing stored under the key.
    void tokenRead(const QString &key, const QString &token);
    void tokenWritten(const QString &key);
    // The keychain could not be used at all; `reason` is for people.
    void keychainUnavailable(const QString &reason);
    void keychainChecked(bool usable);
};

} // namespace Palomar::Desktop
