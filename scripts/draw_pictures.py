"""Draw the sample leaflets' pictures: simple, bold, high-contrast shapes.

Run `python scripts/draw_pictures.py` to remake content/images/. The SVGs are
written as text; the body map is a PNG drawn with Pillow, so the samples use
both kinds of picture the content format allows.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

IMAGES = Path(__file__).resolve().parent.parent / "content" / "images"
INK = "#1a1a1a"
SKIN = "#f2c9a0"
BLUE = "#4a7fc1"
PALE = "#dbe8f7"
RED = "#c0392b"
GREEN = "#3c8d5a"


def svg(body: str, size: int = 200) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'width="{size}" height="{size}">\n'
        f'<rect width="{size}" height="{size}" fill="#ffffff"/>\n{body}\n</svg>\n'
    )


def person(x: float, y: float, shirt: str, scale: float = 1.0) -> str:
    """A head and shoulders, centred on x, head top at y."""
    r = 22 * scale
    return (
        f'<circle cx="{x}" cy="{y + r}" r="{r}" fill="{SKIN}" stroke="{INK}" stroke-width="5"/>'
        f'<path d="M{x - 45 * scale},{y + 120 * scale} q0,-62 {45 * scale},-62 '
        f'q{45 * scale},0 {45 * scale},62 z" fill="{shirt}" stroke="{INK}" stroke-width="5"/>'
    )


PICTURES = {
    "easy/talk.svg": person(60, 45, "#ffffff")
    + f'<path d="M48,118 h24" stroke="{INK}" stroke-width="5"/>'  # doctor's coat opening
    + person(140, 55, BLUE)
    + f'<path d="M88,18 h60 a12,12 0 0 1 12,12 v20 a12,12 0 0 1 -12,12 h-38 l-14,12 v-12 '
    f'h-8 a12,12 0 0 1 -12,-12 v-20 a12,12 0 0 1 12,-12 z" fill="{PALE}" stroke="{INK}" '
    f'stroke-width="4"/>',
    "easy/body.svg": f'<circle cx="100" cy="35" r="22" fill="{SKIN}" stroke="{INK}" stroke-width="5"/>'
    f'<path d="M70,62 h60 l18,70 h-20 l-6,-40 v100 h-20 v-60 h-4 v60 h-20 v-100 l-6,40 h-20 z" '
    f'fill="{PALE}" stroke="{INK}" stroke-width="5" stroke-linejoin="round"/>'
    + "".join(
        f'<circle cx="{cx}" cy="{cy}" r="8" fill="{RED}" stroke="{INK}" stroke-width="3"/>'
        for cx, cy in ((92, 30), (88, 85), (112, 100), (90, 160))
    ),
    "easy/scan.svg": f'<circle cx="100" cy="95" r="62" fill="{PALE}" stroke="{INK}" stroke-width="6"/>'
    f'<circle cx="100" cy="95" r="30" fill="#ffffff" stroke="{INK}" stroke-width="5"/>'
    f'<rect x="20" y="112" width="160" height="16" rx="6" fill="{BLUE}" stroke="{INK}" '
    f'stroke-width="5"/><path d="M60,128 v40 M140,128 v40" stroke="{INK}" stroke-width="6"/>',
    "easy/medicine.svg": f'<rect x="30" y="60" width="90" height="40" rx="20" fill="{BLUE}" '
    f'stroke="{INK}" stroke-width="5" transform="rotate(-30 75 80)"/>'
    f'<path d="M60,98 l28,-48" stroke="{INK}" stroke-width="4"/>'
    f'<circle cx="135" cy="130" r="28" fill="#ffffff" stroke="{INK}" stroke-width="5"/>'
    f'<path d="M110,130 h50" stroke="{INK}" stroke-width="4"/>'
    f'<circle cx="70" cy="150" r="18" fill="{GREEN}" stroke="{INK}" stroke-width="5"/>',
    "easy/drip.svg": f'<path d="M100,15 v20" stroke="{INK}" stroke-width="5"/>'
    f'<rect x="70" y="35" width="60" height="80" rx="10" fill="{PALE}" stroke="{INK}" '
    f'stroke-width="5"/><path d="M74,70 h52" stroke="{BLUE}" stroke-width="6"/>'
    f'<path d="M100,115 v20 q0,30 40,40 h30" fill="none" stroke="{INK}" stroke-width="5"/>'
    f'<circle cx="100" cy="140" r="6" fill="{BLUE}"/>',
    "easy/phone.svg": f'<rect x="60" y="20" width="80" height="160" rx="14" fill="{PALE}" '
    f'stroke="{INK}" stroke-width="6"/><rect x="72" y="40" width="56" height="100" '
    f'fill="#ffffff" stroke="{INK}" stroke-width="3"/>'
    f'<circle cx="100" cy="160" r="9" fill="#ffffff" stroke="{INK}" stroke-width="4"/>',
    "easy/calendar.svg": f'<rect x="25" y="40" width="150" height="135" rx="10" fill="#ffffff" '
    f'stroke="{INK}" stroke-width="6"/><rect x="25" y="40" width="150" height="35" rx="10" '
    f'fill="{RED}" stroke="{INK}" stroke-width="6"/>'
    f'<path d="M60,25 v30 M140,25 v30" stroke="{INK}" stroke-width="8" stroke-linecap="round"/>'
    f'<path d="M75,125 l20,20 l35,-40" fill="none" stroke="{GREEN}" stroke-width="10" '
    f'stroke-linecap="round" stroke-linejoin="round"/>',
    "easy/support.svg": person(70, 40, GREEN)
    + person(130, 40, BLUE)
    + f'<path d="M100,70 c-10,-12 -30,-4 -18,14 l18,16 l18,-16 c12,-18 -8,-26 -18,-14 z" '
    f'fill="{RED}" stroke="{INK}" stroke-width="4"/>',
    "easy/questions.svg": person(100, 70, BLUE)
    + f'<text x="100" y="58" font-family="sans-serif" font-size="64" font-weight="bold" '
    f'text-anchor="middle" fill="{INK}">?</text>',
    "divider.svg": f'<path d="M10,100 q30,-40 60,0 t60,0 t60,0" fill="none" stroke="{BLUE}" '
    f'stroke-width="8" stroke-linecap="round"/>',
}


def body_map(path: Path) -> None:
    """A front view of a body with marks where the cancer may spread."""
    image = Image.new("RGB", (600, 800), "white")
    draw = ImageDraw.Draw(image)
    outline = {"fill": PALE, "outline": INK, "width": 8}
    draw.ellipse((240, 30, 360, 160), fill=SKIN, outline=INK, width=8)
    draw.rounded_rectangle((190, 170, 410, 480), radius=50, **outline)  # chest and belly
    draw.rounded_rectangle((120, 180, 185, 470), radius=30, **outline)  # arms
    draw.rounded_rectangle((415, 180, 480, 470), radius=30, **outline)
    draw.rounded_rectangle((200, 485, 290, 770), radius=30, **outline)  # legs
    draw.rounded_rectangle((310, 485, 400, 770), radius=30, **outline)
    draw.ellipse((270, 60, 330, 110), fill="#f7d9e0", outline=INK, width=5)  # brain
    draw.ellipse((215, 200, 290, 320), fill="#f7d9e0", outline=INK, width=5)  # lungs
    draw.ellipse((310, 200, 385, 320), fill="#f7d9e0", outline=INK, width=5)
    draw.pieslice((300, 320, 400, 420), 180, 360, fill="#e9b48a", outline=INK, width=5)  # liver
    draw.rectangle((238, 560, 252, 740), fill="#ffffff", outline=INK, width=4)  # thigh bone
    for x, y in ((300, 85), (250, 260), (350, 250), (350, 360), (245, 640)):
        draw.ellipse((x - 16, y - 16, x + 16, y + 16), fill=RED, outline=INK, width=4)
    image.save(path, optimize=True)


def main() -> None:
    for name, body in PICTURES.items():
        target = IMAGES / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(svg(body), encoding="utf-8")
    body_map(IMAGES / "body-map.png")


if __name__ == "__main__":
    main()
