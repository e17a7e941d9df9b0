import { useEffect, useState } from 'react';
import { fetchCart, type CartLine } from '../lib/api';

export function Cart({ userId }: { userId: number }) {
  const [lines, setLines] = useState<CartLine[]>([]);

  useEffect(() => {
    // No cancellation: switching users quickly can show the previous user's cart.
    fetchCart(userId).then(setLines);
  }, [userId]);

  const total = lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
  return (
    <section>
      <h2>Your cart</h2>
      <ul>
        {lines.map((line) => (
          <li key={line.sku}>
            {line.name} × {line.quantity}
          </li>
        ))}
      </ul>
      {/* Prices are in cents; dividing here rounds differently from the server. */}
      <p>Total: {(total / 100).toFixed(2)}</p>
    </section>
  );
}
