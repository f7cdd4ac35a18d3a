#include "sendfilesdialog.h"
#include "confirmdialog.h"

#include "theme.h"
#include "util/filenames.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QMimeDatabase>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace Palomar::Desktop {

namespace {
bool isPicture(const QString &path)
{
    const QString mime = QMimeDatabase().mimeTypeForFile(path).name();
    return FileNames::isDecodableImage(mime, QFileInfo(path).fileName());
}

// A thumbnail of at most `size` px, read scaled (a big photo is never decoded whole).
QPixmap thumbnail(const QString &path, int size)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    QSize full = reader.size();
    if (full.isValid() && (full.width() > size || full.height() > size))
        reader.setScaledSize(full.scaled(size, size, Qt::KeepAspectRatio));
    return QPixmap::fromImage(reader.read());
}
} // namespace

SendFilesDialog::SendFilesDialog(const QStringList &paths, const QString &chatName, QWidget *parent)
    : QDialog(parent), m_paths(paths)
{
    setObjectName(QStringLiteral("sendFilesDialog"));
    for (const QString &path : paths)
        m_pictures += isPicture(path) ? 1 : 0;
    const bool onlyPictures = m_pictures == paths.size();
    setWindowTitle(tr("Send to %1").arg(chatName));
    setMinimumWidth(420);
    auto *title = new QLabel(onlyPictures ? tr("Send %n picture(s)", nullptr, int(paths.size()))
                                          : tr("Send %n file(s)", nullptr, int(paths.size())),
                             this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);

    // One picture shows large; several files are a list of rows.
    auto *list = new QWidget(this);
    auto *rows = new QVBoxLayout(list);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(8);
    const int thumbnailSize = paths.size() == 1 && onlyPictures ? 320 : 56;
    for (const QString &path : paths)
        rows->addWidget(fileRow(path, thumbnailSize));
    rows->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(list);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    list->adjustSize();
    scroll->setMinimumHeight(qMin(440, list->sizeHint().height() + 24));

    m_compress = new QCheckBox(tr("Compress pictures"), this);
    m_compress->setObjectName(QStringLiteral("compressPictures"));
    m_compress->setChecked(true);
    m_compress->setVisible(m_pictures > 0);
    auto *compressHint =
        new QLabel(tr("Smaller and faster to send. Untick to send the original files."), this);
    compressHint->setWordWrap(true);
    QPalette hintPalette = compressHint->palette();
    hintPalette.setColor(QPalette::WindowText, Theme::textSecondary());
    compressHint->setPalette(hintPalette);
    compressHint->setVisible(m_pictures > 0);
    m_caption = new QLineEdit(this);
    m_caption->setObjectName(QStringLiteral("formField"));
    m_caption->setAccessibleName(QStringLiteral("captionField"));
    m_caption->setPlaceholderText(tr("Add a caption…"));

    auto *cancel = DialogButtons::make(tr("Cancel"), DialogButtons::Kind::Secondary, this);
    m_send = DialogButtons::make(tr("Send"), DialogButtons::Kind::Primary, this);
    m_send->setDefault(true);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_send, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_caption, &QLineEdit::returnPressed, this, &QDialog::accept);

    QHBoxLayout *buttons = DialogButtons::row({cancel, m_send});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->setSpacing(12);
    layout->addWidget(title);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_compress);
    layout->addWidget(compressHint);
    layout->addWidget(m_caption);
    layout->addSpacing(4);
    layout->addLayout(buttons);
    m_caption->setFocus();
}

QWidget *SendFilesDialog::fileRow(const QString &path, int thumbnailSize)
{
    const QFileInfo info(path);
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    auto *icon = new QLabel(row);
    icon->setAlignment(Qt::AlignCenter);
    const QPixmap picture = isPicture(path) ? thumbnail(path, thumbnailSize) : QPixmap();
    if (!picture.isNull()) {
        icon->setPixmap(picture);
    } else {
        // No picture: the extension on a round accent badge, as in the chat.
        icon->setFixedSize(48, 48);
        icon->setText(FileNames::extensionLabel(info.fileName()));
        icon->setStyleSheet(QStringLiteral("background: %1; color: white; border-radius: 24px;"
                                           " font-weight: 600;")
                                .arg(Theme::accent().name()));
    }
    auto *name = new QLabel(info.fileName(), row);
    name->setWordWrap(true);
    auto *size = new QLabel(FileNames::humanSize(info.size()), row);
    QPalette grey = size->palette();
    grey.setColor(QPalette::WindowText, Theme::textSecondary());
    size->setPalette(grey);
    auto *text = new QVBoxLayout;
    text->setSpacing(2);
    text->addStretch();
    text->addWidget(name);
    text->addWidget(size);
    text->addStretch();
    if (thumbnailSize > 100) {
        // One large picture: the name under it.
        auto *column = new QVBoxLayout;
        column->addWidget(icon, 0, Qt::AlignHCenter);
        column->addLayout(text);
        layout->addLayout(column, 1);
    } else {
        layout->addWidget(icon);
        layout->addLayout(text, 1);
    }
    return row;
}

QString SendFilesDialog::caption() const
{
    return m_caption->text().trimmed();
}

void SendFilesDialog::setCaption(const QString &text)
{
    m_caption->setText(text);
}

bool SendFilesDialog::compressPictures() const
{
    return m_pictures > 0 && m_compress->isChecked();
}

} // namespace Palomar::Desktop
