#pragma once

#include "app/tokenstore.h"

#include <QHash>
#include <QMetaObject>

namespace Palomar::GuiTest {

// A TokenStore that keeps tokens in memory and answers from the event loop
// as the keychain does: `usable` false plays a computer without a keychain.
class MemoryTokenStore : public Desktop::TokenStore
{
public:
    explicit MemoryTokenStore(bool usable) : m_usable(usable) {}

    QHash<QString, QString> tokens;

    void read(const QString &key) override
    {
        later([this, key] {
            if (!m_usable)
                emit keychainUnavailable(QStringLiteral("no keychain in this test"));
            emit tokenRead(key, tokens.value(key));
        });
    }
    void write(const QString &key, const QString &token) override
    {
        later([this, key, token] {
            if (!m_usable) {
                emit keychainUnavailable(QStringLiteral("no keychain in this test"));
                return;
            }
            tokens.insert(key, token);
            emit tokenWritten(key);
        });
    }
    void remove(const QString &key) override { tokens.remove(key); }
    void check() override
    {
        later([this] { emit keychainChecked(m_usable); });
    }

private:
    template<class F> void later(F f) { QMetaObject::invokeMethod(this, f, Qt::QueuedConnection); }

    bool m_usable;
};

} // namespace Palomar::GuiTest
