print("colophon")
