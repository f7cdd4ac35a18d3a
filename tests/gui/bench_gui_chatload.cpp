// Benchmark (not a test: it prints figures and asserts no timing): open a
// chat of 10,000 cached messages in a real ChatPage, report the time from
// opening it to the first painted frame of the message view, then scroll
// from the newest message to the oldest one wheel notch by wheel notch (the
// older pages load from the cache on the way, as they do for a user) and
// report the frame times: from the wheel event to the end of the paint it
// causes, p50, p99 and max. Both the wall-clock time and the GUI thread's
// CPU time are given: on a machine shared with other work the wall clock
// also counts the time the thread waited for a core.
//
//   bench_gui_chatload [--messages N] [--width W] [--height H]
#include "app/appcontroller.h"
#include "cache/localcache.h"
#include "models/chatlistmodel.h"
#include "models/messagemodel.h"
#include "widgets/chatpage.h"
#include "widgets/chatview.h"
#include "widgets/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace Palomar::Desktop;

namespace {
class PaintCounter : public QObject
{
public:
    int paints = 0;
    qint64 firstAt = -1;
    QElapsedTimer *clock = nullptr;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            ++paints;
            if (firstAt < 0)
                firstAt = clock->nsecsElapsed();
        }
        return QObject::eventFilter(watched, event);
    }
};

bool fillCache(const QString &path, const QString &me, const QString &peer, int count)
{
    LocalCache cache;
    if (!cache.open(path))
        return false;
    cache.addContact(peer);
    const qint64 start = QDateTime::currentMSecsSinceEpoch() - qint64(count) * 60000;
    for (int i = 1; i <= count; ++i) {
        Palomar::Client::Message message;
        message.msgId = i;
        const bool mine = i % 3 == 0;
        message.from = mine ? me : peer;
        message.to = mine ? peer : me;
        // Short and long messages, some over several lines.
        message.text = QStringLiteral("Message %1: the quick brown fox jumps over the lazy "
                                      "dog 🦊 and keeps running for a while")
                           .arg(i);
        if (i % 7 == 0)
            message.text += QStringLiteral(" and then some more, because a real chat has long "
                                           "messages too, wrapping over two or three lines of "
                                           "the bubble before they end.");
        if (i % 11 == 0)
            message.text += QStringLiteral("\nA second paragraph.\nAnd a third.");
        message.ts = start + qint64(i) * 60000;
        message.status = Palomar::Client::MessageStatus::Delivered;
        cache.storeMessage(message, me, LocalCache::Origin::History);
    }
    cache.commit();
    return true;
}

// The GUI thread's CPU time, in ms.
double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

double percentile(const QList<double> &sorted, double p)
{
    if (sorted.isEmpty())
        return 0;
    const auto at = qsizetype(std::min<double>(sorted.size() - 1, p * (sorted.size() - 1) + 0.5));
    return sorted.at(at);
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    Theme::apply(&app);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption messagesOption(QStringLiteral("messages"),
                                            QStringLiteral("Messages in the chat."),
                                            QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption widthOption(QStringLiteral("width"), QStringLiteral("Window width."),
                                         QStringLiteral("px"), QStringLiteral("900"));
    const QCommandLineOption heightOption(QStringLiteral("height"),
                                          QStringLiteral("Window height."), QStringLiteral("px"),
                                          QStringLiteral("700"));
    parser.addOptions({messagesOption, widthOption, heightOption});
    parser.process(app);
    const int count = parser.value(messagesOption).toInt();
    if (count < 1) {
        std::fprintf(stderr, "--messages needs a positive number\n");
        return 2;
    }

    QTemporaryDir dir;
    const QString me = QStringLiteral("alice");
    const QString peer = QStringLiteral("bob");
    const QString path = dir.filePath(QStringLiteral("bench.db"));
    QElapsedTimer fill;
    fill.start();
    if (!fillCache(path, me, peer, count)) {
        std::fprintf(stderr, "could not make the cache in %s\n", qPrintable(path));
        return 1;
    }
    std::printf("filled the cache with %d messages in %lld ms\n", count, qint64(fill.elapsed()));

    AppController controller;
    controller.setCacheDirectory(dir.path());
    QElapsedTimer clock;
    PaintCounter painted;
    painted.clock = &clock;
    ChatPage page(controller.messages());
    page.resize(parser.value(widthOption).toInt(), parser.value(heightOption).toInt());
    ChatView *view = page.view();
    view->viewport()->installEventFilter(&painted);

    auto *cache = new LocalCache(&controller);
    if (!cache->open(path))
        return 1;
    controller.messages()->setCache(cache);
    clock.start();
    controller.messages()->setPeer(peer);
    page.setPeer(peer);
    page.show();
    if (!QTest::qWaitFor([&painted] { return painted.firstAt >= 0; }, 10000)) {
        std::fprintf(stderr, "the chat was never painted\n");
        return 1;
    }
    std::printf("first paint of a %d-message chat: %.1f ms (%d rows loaded)\n", count,
                painted.firstAt / 1e6, controller.messages()->rowCount());

    // Let the opening settle (scrolled to the newest, the first pages in).
    QTest::qWait(200);
    QScrollBar *bar = view->verticalScrollBar();
    const QPoint middle = view->viewport()->rect().center();
    QList<double> frames;
    QList<double> cpuFrames;
    QElapsedTimer total;
    total.start();
    int stuck = 0;
    while (stuck < 50 && frames.size() < 200000) {
        const int before = bar->value();
        const int paintsBefore = painted.paints;
        QElapsedTimer frame;
        frame.start();
        const double cpuStart = threadCpuMs();
        // One notch of a mouse wheel, upwards.
        QWheelEvent wheel(middle, view->viewport()->mapToGlobal(middle), QPoint(), QPoint(0, 120),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view->viewport(), &wheel);
        // Whatever the notch set off (a page from the cache, the layout, the
        // paint) runs now, before the next notch.
        QCoreApplication::processEvents();
        if (painted.paints == paintsBefore)
            view->viewport()->repaint();
        frames.append(frame.nsecsElapsed() / 1e6);
        cpuFrames.append(threadCpuMs() - cpuStart);
        const bool atTop = bar->value() == 0 && !controller.messages()->canFetchMore({});
        if (atTop)
            break;
        stuck = bar->value() == before ? stuck + 1 : 0;
    }
    const qint64 scrolled = total.elapsed();
    if (controller.messages()->rowCount() < count || bar->value() != 0) {
        std::fprintf(stderr, "the scroll stopped short: %d of %d rows, at %d px\n",
                     controller.messages()->rowCount(), count, bar->value());
        return 1;
    }
    std::printf("scrolled through all %d messages (%d px) in %lld ms: %lld frames, one wheel notch "
                "each\n",
                controller.messages()->rowCount(), bar->maximum() + bar->pageStep(), scrolled,
                qint64(frames.size()));
    const auto report = [](const char *what, QList<double> times) {
        std::sort(times.begin(), times.end());
        double sum = 0;
        for (double t : std::as_const(times))
            sum += t;
        const auto slow =
            std::count_if(times.cbegin(), times.cend(), [](double t) { return t > 16; });
        std::printf(
            "frame %s: p50 %.2f ms, p99 %.2f ms, max %.2f ms, mean %.2f ms, %lld over 16 ms\n",
            what, percentile(times, 0.50), percentile(times, 0.99), times.last(),
            sum / times.size(), qint64(slow));
    };
    report("wall time", frames);
    report("CPU time ", cpuFrames);
    return 0;
}
