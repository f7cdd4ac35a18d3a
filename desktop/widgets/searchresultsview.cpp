#include "searchresultsview.h"

#include "models/searchresultmodel.h"
#include "theme.h"
#include "util/searchmatch.h"
#include "util/timeformat.h"

#include <QLabel>
#include <QListView>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTextLayout>
#include <QTimer>
#include <QVBoxLayout>

namespace Palomar::Desktop {

namespace {
constexpr int kMargin = 14;
// A snippet starts this many characters before the first word found.
constexpr int kLead = 24;

// The one line shown of `text`: from a little before the first word of
// `query` (with "…" when cut), line breaks as spaces.
QString snippet(const QString &text, const QString &query)
{
    QString line = text;
    line.replace(u'\n', u' ');
    const QList<SearchMatch::Range> found = SearchMatch::ranges(line, query);
    if (!found.isEmpty() && found.first().start > kLead + 8) {
        int from = found.first().start - kLead;
        const int space = int(line.indexOf(u' ', from));
        if (space >= 0 && space < found.first().start)
            from = space + 1;
        line = QStringLiteral("…") + line.mid(from);
    }
    return line;
}

class SearchResultDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        return QSize(option.rect.width(), 2 * option.fontMetrics.height() + 20);
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        painter->save();
        const QRect r = option.rect;
        const bool selected = option.state & QStyle::State_Selected;
        if (selected)
            painter->fillRect(r, Theme::accent());
        else if (option.state & QStyle::State_MouseOver)
            painter->fillRect(r, Theme::surfaceHover());
        else
            painter->fillRect(r, Theme::surface());
        const QColor primary = selected ? Theme::onAccent() : Theme::textPrimary();
        const QColor secondary = selected ? Theme::onAccentSecondary() : Theme::textSecondary();
        const QFontMetrics metrics(option.font);
        const int line = metrics.height();
        const QRect top(r.left() + kMargin, r.top() + 8, r.width() - 2 * kMargin, line);

        // The date on the right, the chat's name on the left.
        const QString date =
            TimeFormat::chatListStamp(index.data(SearchResultModel::TimestampRole).toLongLong());
        painter->setFont(option.font);
        painter->setPen(secondary);
        painter->drawText(top, Qt::AlignRight | Qt::AlignVCenter, date);
        QFont bold = option.font;
        bold.setWeight(QFont::DemiBold);
        painter->setFont(bold);
        painter->setPen(primary);
        const QRect nameRect = top.adjusted(0, 0, -metrics.horizontalAdvance(date) - 8, 0);
        painter->drawText(
            nameRect, Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetrics(bold).elidedText(index.data(SearchResultModel::ChatTitleRole).toString(),
                                          Qt::ElideRight, nameRect.width()));

        // "sender: " in groups, then the snippet with the words marked.
        QString prefix;
        if (index.data(SearchResultModel::OutgoingRole).toBool())
            prefix = SearchResultsView::tr("You: ");
        else if (const QString sender = index.data(SearchResultModel::SenderRole).toString();
                 !sender.isEmpty())
            prefix = SearchResultsView::tr("%1: ").arg(sender);
        const auto *model = static_cast<const SearchResultModel *>(index.model());
        const QString text =
            snippet(index.data(SearchResultModel::TextRole).toString(), model->query());
        QList<QTextLayout::FormatRange> formats;
        if (!prefix.isEmpty()) {
            QTextLayout::FormatRange range{0, int(prefix.size()), {}};
            range.format.setForeground(selected ? Theme::onAccent() : Theme::accent());
            formats.append(range);
        }
        for (const SearchMatch::Range &found : SearchMatch::ranges(text, model->query())) {
            QTextLayout::FormatRange range{int(prefix.size()) + found.start, found.length, {}};
            range.format.setFontWeight(QFont::Bold);
            range.format.setForeground(primary);
            QColor mark = selected ? Theme::onAccent() : Theme::accent();
            mark.setAlpha(selected ? 70 : 45);
            range.format.setBackground(mark);
            formats.append(range);
        }
        // What does not fit ends in "…"; marks past it go.
        const QString full = prefix + text;
        const QString shown = metrics.elidedText(full, Qt::ElideRight, top.width());
        const int kept = shown.size() < full.size() ? int(shown.size()) - 1 : int(full.size());
        for (auto &range : formats)
            range.length = qBound(0, kept - range.start, range.length);
        QTextLayout layout(shown, option.font);
        layout.setFormats(formats);
        QTextOption textOption;
        textOption.setWrapMode(QTextOption::NoWrap);
        layout.setTextOption(textOption);
        layout.beginLayout();
        QTextLine textLine = layout.createLine();
        if (textLine.isValid())
            textLine.setLineWidth(top.width());
        layout.endLayout();
        const QRect bottom = top.translated(0, line + 4);
        painter->setClipRect(bottom);
        painter->setPen(secondary);
        layout.draw(painter, bottom.topLeft());
        painter->setClipping(false);
        painter->setPen(Theme::divider());
        painter->drawLine(r.left() + kMargin, r.bottom(), r.right(), r.bottom());
        painter->restore();
    }
};
} // namespace

SearchResultsView::SearchResultsView(SearchResultModel *model, QWidget *parent)
    : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("searchResultsView"));
    m_title = new QLabel(tr("Messages"), this);
    m_title->setObjectName(QStringLiteral("searchResultsTitle"));
    QFont titleFont = m_title->font();
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    Theme::bindPalette(m_title, QPalette::WindowText, Theme::Color::TextSecondary);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("searchResultsStatus"));
    m_status->setWordWrap(true);
    Theme::bindPalette(m_status, QPalette::WindowText, Theme::Color::TextSecondary);
    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("searchResults"));
    m_list->setModel(model);
    m_list->setItemDelegate(new SearchResultDelegate(m_list));
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setUniformItemSizes(true);
    m_list->setMouseTracking(true);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->viewport()->setAttribute(Qt::WA_Hover);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto *heading = new QVBoxLayout;
    heading->setContentsMargins(16, 8, 16, 0);
    heading->addWidget(m_title);
    heading->addWidget(m_status);
    layout->addLayout(heading);
    layout->addWidget(m_list, 1);
    hide();

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, [this] { m_model->setQuery(m_pending); });
    connect(model, &SearchResultModel::stateChanged, this, &SearchResultsView::showState);
    connect(m_list, &QListView::clicked, this, &SearchResultsView::activate);
    connect(m_list, &QListView::activated, this, &SearchResultsView::activate);
}

void SearchResultsView::setQuery(const QString &text)
{
    m_pending = text.trimmed();
    setVisible(!m_pending.isEmpty());
    if (m_pending.isEmpty()) {
        m_debounce->stop();
        m_model->setQuery(QString());
        return;
    }
    m_status->setText(tr("Searching…"));
    m_status->show();
    m_debounce->start();
}

void SearchResultsView::showState()
{
    QString text;
    if (!m_model->error().isEmpty())
        text = tr("Search failed: %1").arg(m_model->error());
    else if (m_model->isLoading() && m_model->rowCount() == 0)
        text = tr("Searching…");
    else if (m_model->rowCount() == 0 && !m_model->query().isEmpty())
        text = tr("No messages found");
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

void SearchResultsView::activate(const QModelIndex &index)
{
    if (index.isValid())
        emit messageActivated(index.data(SearchResultModel::ChatKeyRole).toString(),
                              index.data(SearchResultModel::MsgIdRole).toLongLong());
}

} // namespace Palomar::Desktop
