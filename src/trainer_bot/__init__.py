"""trainer-bot (基层干部培训助手): grounded, cited answers from training material."""

__version__ = "0.1.0"
