// Benchmark (not a CTest test): open a chat of 10,000 cached messages in a
// real ChatPage and report the time from opening it to the first painted
// frame of the message view.
#include "app/appcontroller.h"
#include "cache/localcache.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"
#include "widgets/chatpage.h"
#include "widgets/chatview.h"
#include "widgets/theme.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace Palomar::Desktop;

namespace {
class FirstPaint : public QObject
{
public:
    qint64 at = -1;
    QElapsedTimer *clock = nullptr;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && at < 0)
            at = clock->nsecsElapsed();
        return QObject::eventFilter(watched, event);
    }
};
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    Theme::apply(&app);
    QTemporaryDir dir;
    const QString me = QStringLiteral("alice");
    const QString peer = QStringLiteral("bob");
    constexpr int kMessages = 10000;

    QElapsedTimer fill;
    fill.start();
    {
        LocalCache cache;
        if (!cache.open(dir.filePath(QStringLiteral("bench.db"))))
            return 1;
        cache.addContact(peer);
        const qint64 start = QDateTime::currentMSecsSinceEpoch() - qint64(kMessages) * 60000;
        for (int i = 1; i <= kMessages; ++i) {
            Palomar::Client::Message message;
            message.msgId = i;
            const bool mine = i % 3 == 0;
            message.from = mine ? me : peer;
            message.to = mine ? peer : me;
            message.text = QStringLiteral("Message %1: the quick brown fox jumps over the lazy "
                                          "dog 🦊 and keeps running for a while")
                               .arg(i);
            message.ts = start + qint64(i) * 60000;
            message.status = Palomar::Client::MessageStatus::Delivered;
            cache.storeMessage(message, me, LocalCache::Origin::History);
        }
        cache.commit();
    }
    std::printf("filled cache with %d messages in %lld ms\n", kMessages, qint64(fill.elapsed()));

    AppController controller;
    controller.setCacheDirectory(dir.path());
    QElapsedTimer clock;
    FirstPaint watcher;
    watcher.clock = &clock;
    ChatPage page(controller.messages());
    page.resize(900, 700);
    page.view()->viewport()->installEventFilter(&watcher);

    LocalCache *cache = new LocalCache(&controller);
    cache->open(dir.filePath(QStringLiteral("bench.db")));
    controller.messages()->setCache(cache);
    clock.start();
    controller.messages()->setPeer(peer);
    page.setPeer(peer);
    page.show();
    if (!QTest::qWaitFor([&watcher] { return watcher.at >= 0; }, 10000)) {
        std::fprintf(stderr, "the chat was never painted\n");
        return 1;
    }
    const double firstPaintMs = watcher.at / 1e6;
    std::printf("time to first paint of a %d-message chat: %.1f ms (%d rows loaded)\n", kMessages,
                firstPaintMs, controller.messages()->rowCount());

    // Scrolling back through the whole cache page by page.
    QElapsedTimer paging;
    paging.start();
    int pages = 0;
    while (controller.messages()->canFetchMore({}) &&
           controller.messages()->rowCount() < kMessages) {
        controller.messages()->fetchMore({});
        ++pages;
    }
    std::printf("paged %d more pages (%d rows) in %lld ms\n", pages,
                controller.messages()->rowCount(), qint64(paging.elapsed()));
    return 0;
}
