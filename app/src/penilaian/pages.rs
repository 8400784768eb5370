// pages: written next
