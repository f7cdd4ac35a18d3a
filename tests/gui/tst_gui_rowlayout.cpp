// The chat view's layout caches (no server): the heights the delegate keeps
// (RowHeightCache, under MessageModel's LayoutKeyRole) always match a fresh
// measurement and the view's own rectangles, whatever changes in a row or
// its neighbours; the shaped texts (TextLayoutCache) are reused and keyed by
// text, font and width; and paging back through the cache keeps every
// message once, in order.
#include "cache/localcache.h"
#include "delegates/messagedelegate.h"
#include "delegates/textlayoutcache.h"
#include "models/messagemodel.h"
#include "widgets/chatview.h"

#include <QDateTime>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Palomar::Desktop;

namespace {
const QString kPeer = QStringLiteral("bob");
const QString kMe = QStringLiteral("alice");
const qint64 kStart = QDateTime(QDate(2026, 3, 2), QTime(9, 0)).toMSecsSinceEpoch();
} // namespace

class TestGuiRowLayout : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void heightsFollowEveryChange();
    void heightsFollowTheWidthAndFont();
    void textLayoutsAreSharedByKey();
    void pagesComeInOnceAndInOrder();

private:
    CachedMessage message(qint64 id, const QString &text, bool outgoing) const;
    QStyleOptionViewItem option() const;
    // Every row: the cached height is what a new delegate measures, and the view agrees.
    void checkHeights(const char *when);
    bool layoutMatches(QByteArray *why) const;

    MessageModel *m_model = nullptr;
    ChatView *m_view = nullptr;
};

CachedMessage TestGuiRowLayout::message(qint64 id, const QString &text, bool outgoing) const
{
    CachedMessage m;
    m.localId = id;
    m.msgId = id;
    m.peer = kPeer;
    m.outgoing = outgoing;
    m.text = text;
    m.ts = kStart + id * 60000;
    m.status = outgoing ? DeliveryStatus::Delivered : DeliveryStatus::Received;
    return m;
}

void TestGuiRowLayout::init()
{
    m_model = new MessageModel;
    m_model->setUser(kMe);
    m_model->setPeer(kPeer);
    m_view = new ChatView;
    m_view->setMessageModel(m_model);
    m_view->resize(560, 480);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
}

void TestGuiRowLayout::cleanup()
{
    delete m_view;
    delete m_model;
}

QStyleOptionViewItem TestGuiRowLayout::option() const
{
    QStyleOptionViewItem option;
    option.initFrom(m_view->viewport());
    option.font = m_view->font();
    option.widget = m_view;
    return option;
}

bool TestGuiRowLayout::layoutMatches(QByteArray *why) const
{
    MessageDelegate fresh; // nothing measured yet
    auto *cached = m_view->itemDelegate();
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_view->model()->index(row, 0);
        const int measured = fresh.sizeHint(option(), index).height();
        const int kept = cached->sizeHint(option(), index).height();
        // Where the view put the next row: it laid this one out that high.
        const int laidOut = row + 1 < m_model->rowCount()
                                ? m_view->visualRect(index.siblingAtRow(row + 1)).top() -
                                      m_view->visualRect(index).top()
                                : measured;
        if (measured <= 0 || kept != measured || laidOut != measured) {
            *why = "row " + QByteArray::number(row) + ": measured " + QByteArray::number(measured) +
                   ", kept " + QByteArray::number(kept) + ", laid out " +
                   QByteArray::number(laidOut);
            return false;
        }
    }
    return m_model->rowCount() > 0;
}

void TestGuiRowLayout::checkHeights(const char *when)
{
    // Once the view has settled (its delayed layout, the scroll bar coming
    // or going), every row: the height kept is what a new delegate measures,
    // and the view laid the rows out with it (the model told it of changes).
    QByteArray why;
    QTRY_VERIFY2(layoutMatches(&why), QByteArray(QByteArray(when) + ", " + why).constData());
}

void TestGuiRowLayout::heightsFollowEveryChange()
{
    for (int id = 1; id <= 12; ++id)
        m_model->upsert(message(id, QStringLiteral("message %1").arg(id), id % 3 == 0));
    checkHeights("filled");

    // The text grows over several lines: an edit.
    CachedMessage edited = message(4, QString(), false);
    edited.text = QStringLiteral("now a much longer text that wraps over several lines of the "
                                 "bubble, longer than the bubble is wide, again and again, and "
                                 "then a second paragraph\nand a third");
    edited.edited = kStart + 3600000;
    m_model->upsert(edited);
    checkHeights("edited");

    // Failed, with its reason above the text; then a tombstone.
    CachedMessage failed = message(6, QStringLiteral("message 6"), true);
    failed.status = DeliveryStatus::Failed;
    failed.failure = QStringLiteral("The message is too long");
    m_model->upsert(failed);
    checkHeights("failed");
    CachedMessage deleted = message(4, QString(), false);
    deleted.deleted = true;
    m_model->upsert(deleted);
    checkHeights("deleted");

    // Reactions add a row of chips; a reply adds a quote; a forward its line.
    CachedMessage reacted = message(7, QStringLiteral("message 7"), false);
    reacted.reactions.insert(QStringLiteral("👍"), {kMe, kPeer});
    m_model->upsert(reacted);
    checkHeights("reacted");
    CachedMessage reply = message(10, QStringLiteral("an answer"), false);
    reply.replyTo = 7;
    reply.forwarded = true;
    m_model->upsert(reply);
    checkHeights("reply");

    // Neighbours: a new last row, another day, a message that splits a run.
    m_model->upsert(message(13, QStringLiteral("the newest"), false));
    checkHeights("appended");
    CachedMessage nextDay = message(14, QStringLiteral("tomorrow"), false);
    nextDay.ts += 24 * 3600000;
    m_model->upsert(nextDay);
    checkHeights("next day");
    m_model->remove(13);
    checkHeights("removed");
    // The answered message goes away: the reply (not its neighbour) is told,
    // and its quote loses its name line.
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    m_model->remove(7);
    const int replyRow = m_model->rowOfLocalId(10);
    QVERIFY(std::any_of(changed.cbegin(), changed.cend(), [replyRow](const QList<QVariant> &args) {
        return args.at(0).toModelIndex().row() <= replyRow &&
               args.at(1).toModelIndex().row() >= replyRow;
    }));
    checkHeights("quote gone");
}

void TestGuiRowLayout::heightsFollowTheWidthAndFont()
{
    const QString longText = QStringLiteral("words that wrap ").repeated(30);
    for (int id = 1; id <= 6; ++id)
        m_model->upsert(message(id, longText, id % 2 == 0));
    checkHeights("wide");
    const QModelIndex first = m_view->model()->index(0, 0);
    const int wide = m_view->visualRect(first).height();
    m_view->resize(300, 480);
    QTRY_VERIFY(m_view->visualRect(first).height() > wide);
    checkHeights("narrow");
    QFont bigger = m_view->font();
    bigger.setPointSizeF(bigger.pointSizeF() * 1.5);
    m_view->setFont(bigger);
    checkHeights("bigger font");
}

void TestGuiRowLayout::textLayoutsAreSharedByKey()
{
    TextLayoutCache cache;
    const QFont font;
    const QString text =
        QStringLiteral("a text long enough to wrap over a narrow line or two 🦊");
    const TextLayoutCache::Text wide = cache.find(text, font, 400);
    QVERIFY(wide);
    QCOMPARE(wide->text(), text);
    QVERIFY(wide->lineCount() >= 1);
    // Asked again: the same lines, not shaped again.
    QCOMPARE(cache.find(text, font, 400).get(), wide.get());

    // Another width, font or text is another layout, broken as a new one would be.
    const TextLayoutCache::Text narrow = cache.find(text, font, 80);
    QVERIFY(narrow.get() != wide.get());
    QVERIFY(narrow->lineCount() > wide->lineCount());
    qreal y = 0;
    for (int i = 0; i < narrow->lineCount(); ++i) {
        QCOMPARE(narrow->lineAt(i).y(), y); // one below the other from the top
        QVERIFY(narrow->lineAt(i).naturalTextWidth() <= 80);
        y += narrow->lineAt(i).height();
    }
    QFont italic = font;
    italic.setItalic(true);
    QVERIFY(cache.find(text, italic, 400).get() != wide.get());
    QVERIFY(cache.find(text + u'!', font, 400).get() != wide.get());
    QCOMPARE(cache.find(text, font, 400).get(), wide.get());

    // Bounded: after many others, the first one is laid out again; the
    // copy a painter still holds stays valid.
    for (int i = 0; i < TextLayoutCache::kMaxEntries + 10; ++i)
        cache.find(QString::number(i), font, 400);
    const TextLayoutCache::Text again = cache.find(text, font, 400);
    QVERIFY(again.get() != wide.get());
    QCOMPARE(wide->text(), text);
    QCOMPARE(again->lineCount(), wide->lineCount());
}

void TestGuiRowLayout::pagesComeInOnceAndInOrder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    LocalCache cache;
    QVERIFY(cache.open(dir.filePath(QStringLiteral("cache.db"))));
    cache.addContact(kPeer);
    constexpr int kMessages = 100;
    for (int id = 1; id <= kMessages; ++id) {
        Palomar::Client::Message m;
        m.msgId = id;
        m.from = id % 2 ? kPeer : kMe;
        m.to = id % 2 ? kMe : kPeer;
        m.text = QStringLiteral("message %1").arg(id);
        m.ts = kStart + id * 60000;
        m.status = Palomar::Client::MessageStatus::Delivered;
        cache.storeMessage(m, kMe, LocalCache::Origin::History);
    }
    cache.commit();

    m_model->setCache(&cache);
    m_model->setPageSize(7);
    m_model->setPeer(kPeer);
    QCOMPARE(m_model->rowCount(), 7);
    // Scrolled to the top again and again, the view pages back to the first message.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            m_view->verticalScrollBar()->setValue(0);
            return m_model->rowCount() == kMessages;
        }(),
        20000);
    for (int row = 0; row < kMessages; ++row)
        QCOMPARE(m_model->index(row).data(MessageModel::MsgIdRole).toLongLong(), row + 1);
    checkHeights("paged");
}

QTEST_MAIN(TestGuiRowLayout)
#include "tst_gui_rowlayout.moc"
