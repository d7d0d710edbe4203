#include "walkthrough/walkthroughexport.h"

#include <QBuffer>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

#include <algorithm>
#include <cmath>

namespace attn {

QPalette WalkthroughExport::slidePalette()
{
    QPalette p;
    p.setColor(QPalette::Window, Qt::white);
    p.setColor(QPalette::WindowText, QColor(0x10, 0x10, 0x10));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::Text, QColor(0x10, 0x10, 0x10));
    return p;
}

bool WalkthroughExport::savePdf(const QVector<WtPage> &pages, const QString &path,
                                const QPalette &palette, const QFont &font, QString *error)
{
    QByteArray bytes;
    {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter pdf(&buffer);
        pdf.setResolution(96);
        pdf.setTitle(tr("Attention, step by step"));
        pdf.setCreator(QStringLiteral("AttentionLab"));
        pdf.setPageLayout(
            QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(0, 0, 0, 0)));
        QPainter p;
        if (!p.begin(&pdf)) {
            if (error)
                *error = tr("Could not start a PDF for %1").arg(path);
            return false;
        }
        for (int k = 0; k < pages.size(); ++k) {
            if (k > 0)
                pdf.newPage();
            const QRectF page(0, 0, pdf.width(), pdf.height());
            p.fillRect(page, palette.color(QPalette::Window));
            const double h = WalkthroughPage::paint(nullptr, pages[k], QRectF(0, 0, kSlideWidth, 1),
                                                    palette, font, kSlideFontScale);
            const double s = std::min(page.width() / kSlideWidth, page.height() / std::max(1.0, h));
            p.save();
            p.translate((page.width() - kSlideWidth * s) / 2, 0);
            p.scale(s, s);
            WalkthroughPage::paint(&p, pages[k], QRectF(0, 0, kSlideWidth, h), palette, font,
                                   kSlideFontScale);
            p.restore();
        }
        p.end();
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        if (error)
            *error = tr("Could not write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

QImage WalkthroughExport::renderSlide(const WtPage &page, const QPalette &palette,
                                      const QFont &font, double scale)
{
    const double h = WalkthroughPage::paint(nullptr, page, QRectF(0, 0, kSlideWidth, 1), palette,
                                            font, kSlideFontScale);
    const double height = std::max(h, kSlideWidth * 9.0 / 16.0);
    QImage img(QSize(static_cast<int>(std::ceil(kSlideWidth * scale)),
                     static_cast<int>(std::ceil(height * scale))),
               QImage::Format_ARGB32_Premultiplied);
    img.fill(palette.color(QPalette::Window));
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.scale(scale, scale);
    WalkthroughPage::paint(&p, page, QRectF(0, 0, kSlideWidth, height), palette, font,
                           kSlideFontScale);
    return img;
}

bool WalkthroughExport::savePng(const WtPage &page, const QString &path, const QPalette &palette,
                                const QFont &font, double scale, QString *error)
{
    const QImage img = renderSlide(page, palette, font, scale);
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || !img.save(&f, "PNG") || !f.commit()) {
        if (error)
            *error = tr("Could not write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

} // namespace attn
