"""Start the web app on the embedded defaults: ``python app.py [--host H] [--port P]``.

Same as ``trainer-bot serve``. The first start indexes the bundled knowledge/.
"""

import sys

from trainer_bot.cli import main

if __name__ == "__main__":
    sys.exit(main(["serve", *sys.argv[1:]]))
